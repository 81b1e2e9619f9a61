"""Outcome claims with their evidence: claim sentences, direction, arms, outcome and significance."""

from extract.claims.extractor import CLAIMS_LAYER, find_claims
from extract.claims.models import ClaimModels
from extract.claims.stage import CLAIMS_TABLE, ClaimsStage

__all__ = ["CLAIMS_LAYER", "CLAIMS_TABLE", "ClaimModels", "ClaimsStage", "find_claims"]
