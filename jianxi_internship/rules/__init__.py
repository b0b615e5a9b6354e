"""Pure-Python policy layer: identity numbers, eligibility, subsidy amounts. No ORM."""

from . import eligibility, identity, subsidy, text

__all__ = ["eligibility", "identity", "subsidy", "text"]
