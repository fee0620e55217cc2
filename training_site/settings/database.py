"""DATABASE_URL parsing shared by the settings modules that accept one."""

import dj_database_url


def database_from_env(url: str) -> dict:
    """A Django database dict for DATABASE_URL, keeping connections open between requests."""
    return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
