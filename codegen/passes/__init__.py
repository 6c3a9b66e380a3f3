"""Loop-nest IR passes: each module ``<verb>.py`` exports ``verb(stmt) -> stmt``."""
from .expand_math import expand_math
from .partition_loops import partition_loops
from .split_complex import split_complex
from .widen_half import widen_half

__all__ = ["expand_math", "partition_loops", "split_complex", "widen_half"]
