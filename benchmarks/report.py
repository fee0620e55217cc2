"""The markdown `make bench` writes from its JSON record (benchmarks/results/latest.md)."""

TARGETS = {
    "lesson": "lesson page ≥ 50% of the constant view's throughput",
    "burst": "quiz burst: 0 errors, p95 < 500 ms",
    "certificate": "a certificate ≤ 100 ms and ≤ 100 KB",
    "dashboard": "county dashboard < 300 ms at 2,500 deputies, < 1 s at 100,000 (PostgreSQL)",
}


def met(ok: bool) -> str:
    return "met" if ok else "**not met**"


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
    return "\n".join(lines) + "\n"


def targets(record: dict) -> list[str]:
    out = ["Targets:", ""]
    setups, certs = record["setups"], record.get("certificates")
    for s in setups.values():
        lesson = s["phases"].get("lesson page", {}).get("share_of_ceiling")
        if lesson is None:
            continue
        out.append(f"- {TARGETS['lesson']}, {s['label']}: {lesson:.0%}, {met(lesson >= 0.5)}")
    for s in setups.values():
        b = s.get("burst")
        if b is None:
            continue
        ok = b["errors"] == 0 and b["p95_ms"] < 500 and b["submitted"] == b["deputies"]
        out.append(
            f"- {TARGETS['burst']}, {s['label']}: {b['errors']} errors, p95 "
            f"{b['p95_ms']:.0f} ms, {b['submitted']:,} of {b['deputies']:,} submitted, {met(ok)}"
        )
    if certs:
        ok = certs["pdf_ms_median"] <= 100 and certs["pdf_kb_median"] <= 100
        out.append(
            f"- {TARGETS['certificate']}: {certs['pdf_ms_median']:.0f} ms (p95 "
            f"{certs['pdf_ms_p95']:.0f}), {certs['pdf_kb_median']:.0f} KB, {met(ok)}; a batch "
            f"of {certs['batch_size']:,} with {certs['workers']} workers: "
            f"{certs['batch_s']:.0f} s ({certs['batch_ms_each']:.0f} ms a certificate), ZIP "
            f"{certs['zip_mb']:.1f} MB"
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
    return out
