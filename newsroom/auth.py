"""Login throttling that only applies where there is someone to throttle."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """
    django-axes' check, for logins that arrive with a request.

    Axes refuses ``authenticate()`` calls without a request, because it
    throttles by client address. Logins without one come from code we run
    ourselves (management commands, the test client), never from a guesser
    on the network, so they are passed on to the next backend unthrottled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
