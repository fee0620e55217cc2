"""The markdown `make bench` writes from its JSON record (benchmarks/results/latest.md)."""

TARGETS = {
    "lesson page": ("lesson page ≥ 50% of the constant view's throughput", 0.5),
    "my learning": ("my learning ≥ 50% of the constant view's throughput", 0.5),
    "save answer": ("saving an answer ≥ 60% of the constant view's throughput", 0.6),
    "submit quiz": ("submitting a quiz ≥ 30% of the constant view's throughput", 0.3),
    "burst": (
        "quiz burst: 0 errors, every quiz submitted, within 2× the time the constant view "
        "needs for as many requests"
    ),
    "quiz cpu": ("one deputy's whole quiz ≤ 60 ms of the server's CPU", 60),
    "capacity": (
        "deputies sitting a 20-question exam at once (30–90 s between answers) with p95 < "
        "500 ms and 0 errors, against Moodle's published 125 a vCPU",
        125,
    ),
    "faults": (
        "quiz burst while PostgreSQL restarts and a gunicorn worker and the tasks worker are "
        "killed: 0 answers lost, 0 attempts half-written, every attempt submitted"
    ),
    "certificate": "a certificate ≤ 100 ms and ≤ 100 KB",
    "batch": ("a batch of 1,000 certificates with two workers ≤ 60 s", 60),
    "dashboard": "county dashboard < 300 ms at 2,500 deputies, < 1 s at 100,000 (PostgreSQL)",
    "all counties": ("all-counties dashboard < 1 s at 100,000 deputies (PostgreSQL)", 1000),
}


def met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def recovered(faults: dict) -> str:
    if faults["recover_s"] is None:
        return "no request succeeded after the stop"
    return f"answering again {faults['recover_s']:.1f} s after the stop"


def markdown(record: dict) -> str:
    m = record["machine"]
    lines = [
        f"Measured {m['date']} at commit {m['commit']} on {m['cores']} cores ({m['cpu']}), "
        f"{m['memory_gb']} GB, Python {m['python']}; gunicorn with {m['gunicorn_workers']} sync "
        f"workers and locust (headless) on the same machine; {m['users_a_phase']} users asking "
        f"without pause for {m['seconds_a_phase']} s a phase. `make bench` took "
        f"{m.get('took_s', 0) / 60:.0f} min.",
        "",
    ]
    setups = record["setups"]
    if setups:
        names = list(setups)
        lines += [
            "| request | " + " | ".join(setups[s]["label"] for s in names) + " |",
            "| --- | " + " | ".join("---" for _ in names) + " |",
        ]
        labels = list(dict.fromkeys(label for s in names for label in setups[s]["phases"]))
        for label in labels:
            cells = []
            for s in names:
                p = setups[s]["phases"].get(label)
                if p is None:
                    cells.append("")
                    continue
                ceiling = p["share_of_ceiling"]
                share = "" if label == "constant view" or ceiling is None else f" = {ceiling:.0%}"
                failed = f", {p['failures']} failed" if p["failures"] else ""
                cells.append(
                    f"{p['rps']:,.0f} req/s{share}; p50 {p['p50_ms']:.0f} ms, "
                    f"p95 {p['p95_ms']:.0f} ms{failed}"
                )
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        cells = []
        for s in names:
            b = setups[s].get("burst")
            if b is None:
                cells.append("")
                continue
            cells.append(
                f"{b['deputies']:,} deputies, {b['requests']:,} requests in {b['wall_s']} s: "
                f"{b['errors']} errors, p50 {b['p50_ms']:.0f} ms, p95 {b['p95_ms']:.0f} ms; "
                f"{b['submitted']:,} submitted"
            )
        lines.append("| quiz burst (20 questions) | " + " | ".join(cells) + " |")
        if any("capacity" in setups[s] for s in names):
            cells = []
            for s in names:
                c = setups[s].get("capacity")
                cells.append(
                    "; ".join(
                        f"{step['users']:,}: p95 {step['p95_ms']:.0f} ms, "
                        f"{step['failures']} failed, {step['rps']:.0f} req/s "
                        f"({'held' if step['held'] else 'missed'})"
                        for step in c["steps"]
                    )
                    if c
                    else ""
                )
            lines.append("| exam, 30–90 s between answers | " + " | ".join(cells) + " |")
        if any("faults" in setups[s] for s in names):
            cells = []
            for s in names:
                f = setups[s].get("faults")
                cells.append(
                    f"{f['deputies']:,} deputies, {f['requests']:,} requests in {f['wall_s']} s: "
                    f"{f['failed']} failed, {f['failed_in_outage']} of them in the outage; "
                    f"database down {f['database_down_s']:.0f} s, {recovered(f)}"
                    if f
                    else ""
                )
            lines.append(
                "| quiz burst, PostgreSQL restarted and workers killed | "
                + " | ".join(cells)
                + " |"
            )
        cells = [
            f"{setups[s]['memory']['max_mb']:.0f} MB a worker at most "
            f"({setups[s]['memory']['total_mb']:.0f} MB in all)"
            for s in names
        ]
        lines.append("| gunicorn memory after the run | " + " | ".join(cells) + " |")
        lines.append("")
        lines.append(
            "Shares are of the constant view's requests a second in the same set-up and run "
            "(the ceiling of this server on this machine)."
        )
        lines.append("")
    lines += targets(record)
    lines += where_time_goes(record)
    return "\n".join(lines) + "\n"


def where_time_goes(record: dict) -> list[str]:
    """A table a set-up of each request's time in one process, and what takes it."""
    out = []
    for s in record["setups"].values():
        found = s.get("profile")
        if not found:
            continue
        out += [
            "",
            f"Where the time goes, {s['label']}: each request in one process (no server, no "
            "network), the median of 30 runs, its parts averaged over them; SQL is the time "
            "waiting for the database, templates their rendering less their SQL, the rest "
            "Python (routing, middleware, building queries, views); then the functions of ours "
            "taking the most of it.",
            "",
            "| request | ms (× constant view) | queries, SQL ms | templates ms | the rest ms "
            "| taking the most |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for name, f in found.items():
            heaviest = "; ".join(
                f"`{item['function']}` {item['share']:.0%}" for item in f["ours"][:3]
            )
            out.append(
                f"| {name} | {f['ms']:.1f} (× {f['times_constant']:.1f}) | {f['queries']}, "
                f"{f['sql_ms']:.1f} | {f['template_ms']:.1f} | {f['rest_ms']:.1f} | "
                f"{heaviest} |"
            )
    return out


def targets(record: dict) -> list[str]:
    out = ["Targets:", ""]
    setups, certs = record["setups"], record.get("certificates")
    for phase in ("lesson page", "my learning", "save answer", "submit quiz"):
        label, goal = TARGETS[phase]
        for s in setups.values():
            share = s["phases"].get(phase, {}).get("share_of_ceiling")
            if share is not None:
                out.append(f"- {label}, {s['label']}: {share:.0%}, {met(share >= goal)}")
    for s in setups.values():
        b = s.get("burst")
        if b is None:
            continue
        ceiling = s["phases"].get("constant view", {}).get("rps")
        if ceiling:
            allowed = 2 * b["requests"] / ceiling
            ok = b["errors"] == 0 and b["submitted"] == b["deputies"] and b["wall_s"] <= allowed
            within = f"{b['wall_s']} s against {allowed:.0f} s allowed"
            if "think_floor_s" in b:
                within += f" (the think time alone takes {b['think_floor_s']} s)"
        else:
            ok, within = False, f"{b['wall_s']} s, no constant view measured to compare"
        out.append(
            f"- {TARGETS['burst']}, {s['label']}: {b['errors']} errors, "
            f"{b['submitted']:,} of {b['deputies']:,} submitted, {within} "
            f"(p95 {b['p95_ms']:.0f} ms), {met(ok)}"
        )
        if "cpu_ms_a_deputy" in b:
            label, goal = TARGETS["quiz cpu"]
            cpu = b["cpu_ms_a_deputy"]
            out.append(f"- {label}, {s['label']}: {cpu:.0f} ms, {met(cpu <= goal)}")
    for s in setups.values():
        c = s.get("capacity")
        if c is None:
            continue
        label, goal = TARGETS["capacity"]
        limit = "" if c["limit_found"] else " (every step held: the limit is higher)"
        generator = max((step["locust_cpu_share"] for step in c["steps"]), default=0)
        out.append(
            f"- {label}, {s['label']}: {c['users']:,} deputies = {c['users_a_core']} a core"
            f"{limit}; locust used up to {generator:.0%} of the machine, "
            f"{met(c['users_a_core'] >= goal)}"
        )
    for s in setups.values():
        f = s.get("faults")
        if f is None:
            continue
        ok = (
            f["lost"] == 0
            and f["half_written"] == 0
            and f["submitted"] == f["deputies"]
            and f["extra"] == 0
        )
        extra = f", {f['extra']} attempts started twice" if f["extra"] else ""
        out.append(
            f"- {TARGETS['faults']}, {s['label']}: {f['lost']} answers lost, "
            f"{f['half_written']} half-written, {f['submitted']:,} of {f['deputies']:,} "
            f"submitted{extra}; {f['failed_in_outage']} requests failed during the outage, "
            f"{recovered(f)}, {met(ok)}"
        )
    if certs:
        ok = certs["pdf_ms_median"] <= 100 and certs["pdf_kb_median"] <= 100
        out.append(
            f"- {TARGETS['certificate']}: {certs['pdf_ms_median']:.0f} ms (p95 "
            f"{certs['pdf_ms_p95']:.0f}), {certs['pdf_kb_median']:.0f} KB, {met(ok)}"
        )
        label, goal = TARGETS["batch"]
        # x ms a certificate is x s for 1,000, whatever the size of the run's batch.
        each = certs["batch_ms_each"]
        ok = each <= goal and certs["workers"] == 2
        out.append(
            f"- {label}: {certs['batch_size']:,} with {certs['workers']} workers in "
            f"{certs['batch_s']:.0f} s ({each:.0f} ms a certificate, so {each:.0f} s for 1,000), "
            f"ZIP {certs['zip_mb']:.1f} MB, {met(ok)}"
        )
    limits = {"sqlite": 300, "postgres": 1000}
    for name, s in setups.items():
        alone = s["phases"].get("county dashboard, one at a time")
        if alone is None:
            continue
        ok = alone["p95_ms"] < limits[name]
        out.append(
            f"- {TARGETS['dashboard']}, {s['label']}: p50 {alone['p50_ms']:.0f} ms, p95 "
            f"{alone['p95_ms']:.0f} ms one at a time, {met(ok)}"
        )
    label, limit = TARGETS["all counties"]
    for s in setups.values():
        alone = s["phases"].get("all-counties dashboard, one at a time")
        if alone is None:
            continue
        out.append(
            f"- {label}, {s['label']}: p50 {alone['p50_ms']:.0f} ms, p95 {alone['p95_ms']:.0f} ms "
            f"one at a time, {met(alone['p95_ms'] < limit)}"
        )
    return out
