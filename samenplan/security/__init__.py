"""The attack suite (tests/): stored XSS, CSRF and state changes on GET, brute force,
mass assignment; each part counts its attempts (tests/attempts.py). See docs/security.md."""
