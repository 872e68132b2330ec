"""tayoka's exceptions: what the command line prints, as Python errors."""

import json
from typing import Any, Optional


class TayokaError(Exception):
    """Any error tayoka reports (input, output, solver)."""

    def __init__(self, message: str, detail: Optional[str] = None):
        super().__init__(message)
        self.message = message


class ScenarioError(TayokaError):
    """The scenario (or an override) is wrong: the message names the file,
    line and column, and what would be valid, as the command line does."""


class UsageError(TayokaError):
    """An argument is wrong (an override that is not PATH=VALUE, a language)."""


class InfeasibleError(TayokaError):
    """No plan meets every rule. ``diagnosis`` is the diagnosis as data (the
    rules in conflict and the smallest change of each that makes a plan
    possible, as ``diagnosis.json`` holds it); the message is the text the
    command line prints."""

    def __init__(self, message: str, diagnosis_json: Optional[str] = None):
        super().__init__(message)
        self.diagnosis: Any = json.loads(diagnosis_json) if diagnosis_json else None
