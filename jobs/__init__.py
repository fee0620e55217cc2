"""Background jobs: what a request queues and a worker runs (a certificate batch, a big
export). `jobs.models.BackgroundJob` is the shape they share: status, start, heartbeat, end,
error, and when a job has lost its worker. This package imports no app of the project, so any
app may build on it."""
