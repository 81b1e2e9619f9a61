"""The reviewer's workbench (`extract review`): verify, edit or reject the suggested fields of a run."""

from extract.review.app import create_app

__all__ = ["create_app"]
