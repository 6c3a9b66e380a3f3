"""NumPy functions by family, each thin over the graph's meta-op constructors."""
