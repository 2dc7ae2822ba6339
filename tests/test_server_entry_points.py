"""The WSGI and ASGI entry points load the app, then freeze it out of the garbage collector."""

import gc
import importlib

import pytest


@pytest.mark.parametrize("module", ["newsroom.wsgi", "newsroom.asgi"])
def test_the_loaded_app_is_frozen_out_of_garbage_collection(module):
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        entry_point = importlib.reload(importlib.import_module(module))

        assert callable(entry_point.application)
        # Django, the apps and their models: hundreds of thousands of objects.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()  # the test process goes back to normal collection
