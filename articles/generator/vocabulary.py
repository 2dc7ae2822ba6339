"""The names and words generated stories are made of."""

import itertools

SECTION_NAMES = [
    "India",
    "World",
    "Business",
    "Science",
    "Sport",
    "Culture",
    "Politics",
    "Technology",
    "Health",
    "Education",
    "Environment",
    "Cities",
    "Opinion",
    "Markets",
    "Cricket",
    "Football",
    "Travel",
    "Food",
    "Books",
    "Film",
]
FIRST_NAMES = [
    "Aarav",
    "Aditi",
    "Amit",
    "Ananya",
    "Arjun",
    "Deepa",
    "Farah",
    "Gaurav",
    "Isha",
    "Jaya",
    "Karan",
    "Kavita",
    "Lakshmi",
    "Manoj",
    "Meera",
    "Naveen",
    "Neha",
    "Pooja",
    "Rahul",
    "Ravi",
    "Sanjay",
    "Shreya",
    "Sunil",
    "Tara",
    "Uma",
    "Varun",
    "Vidya",
    "Yash",
    "Zoya",
    "Omar",
]
LAST_NAMES = [
    "Agarwal",
    "Bhat",
    "Chopra",
    "Das",
    "Fernandes",
    "Ghosh",
    "Iyer",
    "Joshi",
    "Kapoor",
    "Khan",
    "Kulkarni",
    "Menon",
    "Mishra",
    "Nair",
    "Pandey",
    "Patel",
    "Pillai",
    "Rao",
    "Reddy",
    "Sen",
    "Shah",
    "Sharma",
    "Singh",
    "Thomas",
    "Varma",
]
WORDS = (
    "budget rail monsoon court council election market rupee startup cricket stadium hospital "
    "school river forest metro airport port harbour festival museum library bridge highway "
    "farmer village city state nation summit treaty border trade export import energy solar "
    "wind coal water drought flood heatwave vaccine clinic doctor teacher student university "
    "satellite rocket telescope comet robot software data privacy bank loan tax pension housing "
    "rent tenant factory textile steel cement auto battery charging bus tram cycle walking "
    "police fire rescue storm cyclone coast island mountain valley temple heritage film music "
    "book novel poet chef spice tea coffee rice wheat millet sugar cotton"
).split()
PLACES = ["Kaveri Nagar", "Hill Road", "the capital", "the coast", "the plains", "the valley", "Riverside", "Old Town"]
VERBS = ["approves", "rejects", "opens", "delays", "expands", "reviews", "launches", "funds", "questions", "wins"]
SENTENCES = [
    "Officials said the {a} plan would be reviewed again next month.",
    "Residents of {p} have asked for more information about the {a} and the {b}.",
    "The {a} project has been discussed for several years, and critics say the {b} matters more.",
    "Figures released on Monday show the {a} grew faster than expected, while the {b} slowed.",
    "Experts said the lessons from the {a} would be watched closely in {p}.",
    "A public meeting about the {b} is planned, and documents have been published online.",
    "“We have waited a long time for the {a},” said one resident of {p}.",
    "The council said the {b} would be paid for from the existing budget.",
]


def zipf_weights(n, s=1.1, shift=40):
    """Cumulative Zipf–Mandelbrot weights: a long tail, and a head that is big but not absurd."""
    return list(itertools.accumulate(1 / ((rank + shift) ** s) for rank in range(1, n + 1)))
