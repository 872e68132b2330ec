"""tayoka in a notebook: the same Rust library as the ``tayoka`` command line,
with results as pandas DataFrames and dicts.

>>> import tayoka
>>> sc = tayoka.load("scenarios/japan-gov-2027.toml")
>>> plan = sc.solve(variant="cost")
>>> plan.allocation.head()          # as allocation.csv
>>> plan.metrics["total_cost"]      # as metrics.json

Every value means what it means in the command line's files (see the
README's "Output files"); each DataFrame is the CSV the command line writes
for the same run.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

import pandas as pd

from . import _tayoka
from ._errors import InfeasibleError, ScenarioError, TayokaError, UsageError

__all__ = [
    "load",
    "compare",
    "sweep",
    "Scenario",
    "Plan",
    "Stress",
    "Pathway",
    "Tradeoff",
    "TayokaError",
    "ScenarioError",
    "InfeasibleError",
    "UsageError",
]
__version__ = _tayoka.__version__

Overrides = Optional[Mapping[str, Any]]


def _toml_value(value: Any) -> str:
    """A Python value as the TOML value ``--set`` reads."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise UsageError(f"override value {value!r}: expected a number, a string, a bool or a list of them")


def _sets(overrides: Overrides) -> List[str]:
    return [f"{path}={_toml_value(v)}" for path, v in (overrides or {}).items()]


def _toml_of(table: Mapping[str, Any], prefix: str = "") -> str:
    """A scenario given as a dict, as TOML text (tables of tables)."""
    scalars, tables = [], []
    for key, value in table.items():
        if isinstance(value, Mapping):
            tables.append((key, value))
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            tables.append((key, value))
        else:
            scalars.append(f"{json.dumps(str(key))} = {_inline(value)}")
    out = "\n".join(scalars) + ("\n" if scalars else "")
    for key, value in tables:
        name = f"{prefix}.{json.dumps(str(key))}" if prefix else json.dumps(str(key))
        if isinstance(value, list):
            for item in value:
                out += f"\n[[{name}]]\n" + _toml_of(item, name)
        else:
            out += f"\n[{name}]\n" + _toml_of(value, name)
    return out


def _inline(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {_inline(v)}" for k, v in value.items()) + " }"
    return _toml_value(value)


def _frame(files: Dict[str, bytes], name: str) -> pd.DataFrame:
    # Empty cells stay NaN (as pandas reads the CLI's file); ids stay strings.
    return pd.read_csv(io.BytesIO(files[name]))


class Plan:
    """A solved plan. ``allocation`` and ``shares`` are allocation.csv and
    shares.csv; ``metrics`` is metrics.json; ``data`` is plan.json;
    ``summary`` is what ``tayoka solve`` prints."""

    def __init__(self, handle: Any):
        self._handle = handle
        files, self.summary = handle.files()
        self._files: Dict[str, bytes] = dict(files)
        self.data: Dict[str, Any] = json.loads(self._files["plan.json"])
        self.metrics: Dict[str, Any] = json.loads(self._files["metrics.json"])
        self.allocation: pd.DataFrame = _frame(self._files, "allocation.csv")
        self.shares: pd.DataFrame = _frame(self._files, "shares.csv")

    @property
    def stages(self) -> pd.DataFrame:
        """Each objective stage's optimum in its own units (``stages``)."""
        return pd.DataFrame(self.metrics["stages"], columns=["name", "value"])

    @property
    def binding(self) -> pd.DataFrame:
        """What holds the plan: rule, set path, value, stage, marginal."""
        rows = self.data.get("binding") or []
        return pd.DataFrame(rows, columns=["rule", "set", "value", "stage", "marginal"])

    @property
    def cost_breakdown(self) -> Dict[str, float]:
        """usage − discounts + contracts + exit = total cost."""
        return dict(self.metrics["cost_breakdown"])

    @property
    def total_cost(self) -> float:
        return float(self.metrics["total_cost"])

    def write(self, folder: Union[str, os.PathLike], charts: bool = True) -> List[str]:
        """Writes the run folder ``tayoka solve --out FOLDER`` writes (plan
        files, charts, report.html, plan.xlsx); returns the paths."""
        return self._handle.write(os.fspath(folder), charts)

    def __repr__(self) -> str:
        return (
            f"<tayoka.Plan {self.data.get('scenario')!s}: total cost {self.total_cost:,.0f}, "
            f"home share {self.metrics['home_share']:.1%}>"
        )


class Result:
    """An analysis's files: ``files`` (name -> bytes, as the command line
    writes them), ``data`` (its JSON), ``summary`` (what it prints)."""

    json_file = ""

    def __init__(self, files: Any, summary: str):
        self.files: Dict[str, bytes] = dict(files)
        self.summary = summary
        self.data: Dict[str, Any] = json.loads(self.files[self.json_file]) if self.json_file else {}

    def _frame(self, name: str) -> Optional[pd.DataFrame]:
        return _frame(self.files, name) if name in self.files else None


class Stress(Result):
    """``tayoka stress``: ``cutoffs`` (stress.csv, one row per cut-off),
    ``workloads`` (stress-workloads.csv), ``outages`` (montecarlo.csv, with
    ``samples``) and ``monte_carlo`` (the summary: expected unserved,
    P(any critical unserved), CVaR 95%, exact or sampled with standard
    errors)."""

    json_file = "stress.json"

    @property
    def cutoffs(self) -> pd.DataFrame:
        return self._frame("stress.csv")

    @property
    def workloads(self) -> pd.DataFrame:
        return self._frame("stress-workloads.csv")

    @property
    def outages(self) -> Optional[pd.DataFrame]:
        return self._frame("montecarlo.csv")

    @property
    def monte_carlo(self) -> Optional[Dict[str, Any]]:
        return self.data.get("monte_carlo")


class Pathway(Result):
    """``tayoka pathway``: ``years`` (pathway.csv, one row per year, today
    first), ``allocation`` (pathway_allocation.csv), ``investment``
    (investment.csv); ``data`` has the totals against year-by-year planning."""

    json_file = "pathway.json"

    @property
    def years(self) -> pd.DataFrame:
        return self._frame("pathway.csv")

    @property
    def allocation(self) -> Optional[pd.DataFrame]:
        return self._frame("pathway_allocation.csv")

    @property
    def investment(self) -> Optional[pd.DataFrame]:
        return self._frame("investment.csv")


class Tradeoff(Result):
    """``tayoka tradeoff``: ``points`` (tradeoff.csv); ``summary`` opens
    with its sentences (what raising the home share costs in diversity)."""

    json_file = "tradeoff.json"

    @property
    def points(self) -> pd.DataFrame:
        return self._frame("tradeoff.csv")


class Scenario:
    """A scenario file (or TOML text), checked when loaded."""

    def __init__(self, path: Path, text: Optional[str]):
        self.path = path
        self._text = text
        self.name: str = _tayoka.check(os.fspath(path), text)

    def _file(self) -> Path:
        """A file of the scenario for the analyses that read one."""
        if self._text is None:
            return self.path
        folder = Path(tempfile.mkdtemp(prefix="tayoka-"))
        path = folder / (self.path.name or "scenario.toml")
        path.write_text(self._text, encoding="utf-8")
        return path

    def solve(
        self,
        variant: Optional[str] = None,
        set: Overrides = None,
        lang: Optional[str] = None,
        solver: str = "auto",
        time_limit: Optional[float] = None,
    ) -> Plan:
        """Solves it as ``tayoka solve`` does. ``set`` maps override paths
        to values (``{"policy.budget": 4.0e10}``); no plan raises
        ``InfeasibleError`` with the diagnosis."""
        handle = _tayoka.solve(
            os.fspath(self.path), self._text, variant, _sets(set), lang, solver, time_limit
        )
        return Plan(handle)

    def stress(
        self,
        samples: int = 0,
        seed: int = 1,
        by: Optional[Sequence[str]] = None,
        sampled: bool = False,
        variant: Optional[str] = None,
        set: Overrides = None,
        lang: Optional[str] = None,
    ) -> Stress:
        """``tayoka stress``: every single cut-off of ``by`` (default: the
        policy's dimensions) and, with ``samples``, independent outages."""
        files, summary = _tayoka.stress(
            os.fspath(self.path), self._text, variant, _sets(set), lang, list(by or []), samples, seed, sampled
        )
        return Stress(files, summary)

    def pathway(
        self,
        variant: Optional[str] = None,
        set: Overrides = None,
        lang: Optional[str] = None,
        years: Optional[int] = None,
        myopic: bool = False,
        time_limit: Optional[float] = None,
    ) -> Pathway:
        """``tayoka pathway``: the years planned as one (``myopic``: year by
        year). A year without a plan raises ``InfeasibleError``."""
        files, summary = _tayoka.pathway(
            os.fspath(self._file()), variant, _sets(set), lang, years, myopic, time_limit
        )
        return Pathway(files, summary)

    def tradeoff(
        self,
        points: Optional[int] = None,
        variant: Optional[str] = None,
        set: Overrides = None,
        lang: Optional[str] = None,
    ) -> Tradeoff:
        """``tayoka tradeoff``: home share against the largest provider share."""
        args = [os.fspath(self._file()), variant, _sets(set), lang]
        files, summary = _tayoka.tradeoff(*args, points) if points is not None else _tayoka.tradeoff(*args)
        return Tradeoff(files, summary)

    def __repr__(self) -> str:
        return f"<tayoka.Scenario {self.name} ({self.path})>"


def load(
    path: Union[str, os.PathLike, None] = None,
    *,
    text: Optional[str] = None,
    data: Optional[Mapping[str, Any]] = None,
) -> Scenario:
    """A scenario from a file, from TOML ``text`` or from a dict ``data``
    (the TOML's tables as dicts). Problems raise ``ScenarioError``."""
    given = sum(x is not None for x in (path, text, data))
    if given != 1:
        raise UsageError("load takes one of: a path, text= or data=")
    if data is not None:
        text = _toml_of(data)
    if text is not None:
        return Scenario(Path(path or "<text>.toml"), text)
    return Scenario(Path(os.fspath(path)), None)


def compare(
    scenario: Scenario,
    variants: Optional[Sequence[str]] = None,
    set: Overrides = None,
    lang: Optional[str] = None,
) -> pd.DataFrame:
    """``tayoka compare``: compare.csv in long form
    (variant, status, metric, value, holders). ``variants`` defaults to the
    base and every variant of the scenario."""
    files, _ = _tayoka.compare(os.fspath(scenario._file()), list(variants or []), _sets(set), lang)
    return _frame(dict(files), "compare.csv")


def sweep(
    scenario: Scenario,
    path: str,
    values: Union[Iterable[float], str],
    variant: Optional[str] = None,
    set: Overrides = None,
    lang: Optional[str] = None,
    steps: Optional[int] = None,
) -> pd.DataFrame:
    """``tayoka sweep``: sweep.csv, one row per point. ``values`` is a list
    of values, or a ``"FROM..TO"`` range taken in ``steps`` points."""
    raw = values if isinstance(values, str) else ",".join(repr(float(v)) for v in values)
    args = [os.fspath(scenario._file()), [f"{path}={raw}"]]
    if steps is not None:
        files, _ = _tayoka.sweep(*args, steps, variant, _sets(set), lang)
    else:
        files, _ = _tayoka.sweep(*args, variant=variant, sets=_sets(set), lang=lang)
    return _frame(dict(files), "sweep.csv")
