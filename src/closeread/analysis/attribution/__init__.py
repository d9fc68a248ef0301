"""Attribution: who said what — direct quotations and reported speech with their speakers.

See ``engine`` for the rules; ``benchmarks/attribution_eval.py`` measures them on the
PolNeAR news corpus (``../shared/corpus/polnear``).
"""

from closeread.analysis.attribution.engine import Attributor

__all__ = ["Attributor"]
