"""
Synthetic newsroom data at scale, for benchmarks (``manage.py generate_newsroom``).

- ``vocabulary``: the names and words stories are made of;
- ``rows``: writes finished rows in bulk (PostgreSQL ``COPY``, else
  ``executemany``) without building model instances;
- ``vectors``: the search vector ``articles.search`` would store for a story,
  composed from vectors PostgreSQL computed once per reusable fragment.
"""
