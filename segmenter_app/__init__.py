"""Segmenter: customer segmentation for small shops, offline, from their own spreadsheets."""

__version__ = "0.1.0"
APP_NAME = "Segmenter"
