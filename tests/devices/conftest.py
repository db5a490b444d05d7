"""Fixtures: a simulated reader on a pseudo-terminal, closed after the test."""

from __future__ import annotations

import pytest

from .idcard_sim import SimulatedReader


@pytest.fixture
def sim():
    """``sim(card=..., baud=..., mode=...)`` starts a simulated reader; all are closed at the end."""
    started: list[SimulatedReader] = []

    def start(*args, **kw) -> SimulatedReader:
        s = SimulatedReader(*args, **kw)
        started.append(s)
        return s

    yield start
    for s in started:
        s.close()
