"""Loop-nest IR passes: each module ``<verb>.py`` exports ``verb(stmt) -> stmt``."""
from .expand_math import expand_math
from .partition_loops import partition_loops

__all__ = ["expand_math", "partition_loops"]
