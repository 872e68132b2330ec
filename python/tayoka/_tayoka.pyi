"""Type hints of the Rust extension behind ``tayoka`` (see ``python/src/lib.rs``).

Each analysis returns its data files (name, bytes), as the command line
writes them, and the summary it prints.
"""

from typing import List, Optional, Sequence, Tuple

Files = Tuple[List[Tuple[str, bytes]], str]

__version__: str

class Plan:
    def files(self) -> Files: ...
    def write(self, dir: str, charts: bool = True) -> List[str]: ...

def check(
    path: str,
    text: Optional[str] = None,
    variant: Optional[str] = None,
    sets: Sequence[str] = ...,
    lang: Optional[str] = None,
) -> str: ...
def solve(
    path: str,
    text: Optional[str] = None,
    variant: Optional[str] = None,
    sets: Sequence[str] = ...,
    lang: Optional[str] = None,
    solver: str = "auto",
    time_limit: Optional[float] = None,
) -> Plan: ...
def compare(
    path: str, variants: Sequence[str], sets: Sequence[str] = ..., lang: Optional[str] = None
) -> Files: ...
def sweep(
    path: str,
    axes: Sequence[str],
    steps: int = ...,
    variant: Optional[str] = None,
    sets: Sequence[str] = ...,
    lang: Optional[str] = None,
) -> Files: ...
def stress(
    path: str,
    text: Optional[str] = None,
    variant: Optional[str] = None,
    sets: Sequence[str] = ...,
    lang: Optional[str] = None,
    by: Sequence[str] = ...,
    samples: int = 0,
    seed: int = 1,
    sampled: bool = False,
) -> Files: ...
def pathway(
    path: str,
    variant: Optional[str] = None,
    sets: Sequence[str] = ...,
    lang: Optional[str] = None,
    years: Optional[int] = None,
    myopic: bool = False,
    time_limit: Optional[float] = None,
) -> Files: ...
def tradeoff(
    path: str,
    variant: Optional[str] = None,
    sets: Sequence[str] = ...,
    lang: Optional[str] = None,
    points: int = ...,
) -> Files: ...
