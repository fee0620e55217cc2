"""A large, realistic data set for dashboards and benchmarks: `manage.py seed_scale`."""
