"""Loop-nest IR passes: each module ``<verb>.py`` exports ``verb(stmt) -> stmt``."""
from .expand_math import expand_math

__all__ = ["expand_math"]
