"""localrewrite: offline rewriter of French news articles with a local quantized language model."""

from localrewrite.errors import LocalRewriteError
from localrewrite.pipeline import Result, Rewriter, rewrite
from localrewrite.settings import Settings

__all__ = ["LocalRewriteError", "Result", "Rewriter", "Settings", "rewrite"]
