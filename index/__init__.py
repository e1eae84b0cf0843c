"""Index: the store (Chroma + BM25) and search. Import the submodules; nothing happens at import time."""
