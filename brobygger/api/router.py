"""The one router every /api/v1/ operation is on (v1.py mounts it): operations on the same
path (a GET and its PATCH) must share a router, or the second method answers 405."""

from ninja import Router

router = Router()
