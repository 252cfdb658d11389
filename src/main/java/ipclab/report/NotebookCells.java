package ipclab.report;

/**
 * The Python of {@link Notebook}'s code cells: pandas and matplotlib only (Debian's
 * python3-pandas and python3-matplotlib), so that it runs wherever Jupyter does.
 */
final class NotebookCells {
    private NotebookCells() {}

    static final String SETUP = """
            %matplotlib inline
            import json
            from math import comb
            from pathlib import Path
            import pandas as pd
            import matplotlib.pyplot as plt

            FOLDER = Path(@FOLDER@)
            MARKERS = {"1thread": "o", "2thread": "s", "2proc": "D"}

            def median_ci(values, level=0.95):
                \"""The median's distribution-free interval (order statistics), as ipclab's report draws it.\"""
                v = sorted(values)
                n = len(v)
                if n == 0:
                    return float("nan"), float("nan")
                k = 1
                while k + 1 <= (n + 1) // 2 and 1 - 2 * sum(comb(n, i) for i in range(k + 1)) / 2 ** n >= level:
                    k += 1
                return v[k - 1], v[n - k]

            def machine_marks():
                \"""The pipe capacity and the cache sizes the sweep recorded, by name.\"""
                meta_file = FOLDER / "metadata.json"
                if not meta_file.exists():
                    return {}
                d = json.loads(meta_file.read_text()).get("machine", {}).get("description", {})
                marks = {}
                cap = d.get("ipc_limits", {}).get("pipe_default_capacity_bytes")
                if isinstance(cap, int):
                    marks["pipe capacity"] = cap
                caches = d.get("hardware", {}).get("caches")
                if isinstance(caches, dict):
                    for name in ("L1d", "L2", "L3"):
                        if isinstance(caches.get(name + "_bytes"), int):
                            marks[name] = caches[name + "_bytes"]
                return marks

            def draw_marks(ax, sizes):
                for label, size in machine_marks().items():
                    if min(sizes) <= size <= max(sizes):
                        ax.axvline(size, color="0.6", linestyle=":", linewidth=1)
                        ax.text(size, 0.98, label, transform=ax.get_xaxis_transform(), rotation=90, va="top",
                                ha="right", fontsize=8, color="0.4")

            def size_axis(ax, sizes):
                ax.set_xscale("log", base=2)
                ax.set_xticks(sizes)
                ax.set_xticklabels([f"{s // 1048576}M" if s >= 1048576 else f"{s // 1024}k" if s >= 1024 else str(s)
                                    for s in sizes], rotation=45)
                ax.set_xlabel("buffer size (log2 scale)")
                ax.grid(True, color="0.9")
            """;

    static final String LOAD_RESULTS = """
            results = pd.read_csv(FOLDER / "results.csv")
            ok = results["error"].isna() & (results["warmup"].astype(str).str.lower() == "false")
            if "workload" in results.columns:
                ok &= results["workload"] == "stream"
            measured = results[ok].copy()
            measured["mib_per_s"] = measured["kib_per_sec"] / 1024
            # IPC types that ran with -s on are sockets: their series say -s off or -s on
            SOCKETS = set(results.loc[results["socket_buffers"].astype(str).str.lower() == "true", "ipc"])

            # placements and descriptor tables are lines apart, named as the report names them
            PLACED = "cpus" in results.columns and results["cpus"].fillna("").astype(str).nunique() > 1

            def series_name(r):
                s = str(r["socket_buffers"]).lower() == "true"
                name = r["mode"] + " " + r["ipc"] + ((" -s on" if s else " -s off") if r["ipc"] in SOCKETS else "")
                cpus = r.get("cpus")  # the traced runs' table has no placement column
                if PLACED and cpus is not None and str(cpus) not in ("", "nan"):
                    name += ", cpus " + str(cpus)
                if r.get("fd_table") == "shared" and r["mode"] != "2thread":
                    name += ", shared fd table"
                return name

            measured["series"] = measured.apply(series_name, axis=1)
            SIZES = sorted(results["buffer_size_bytes"].unique())

            def medians():
                \"""Median bandwidth by series and buffer size, with the interval of each median.\"""
                rows = []
                for (series, mode, ipc, s, size), g in measured.groupby(
                        ["series", "mode", "ipc", "socket_buffers", "buffer_size_bytes"]):
                    low, high = median_ci(g["mib_per_s"])
                    rows.append(dict(series=series, mode=mode, ipc=ipc, socket_buffers=s, buffer_size_bytes=size,
                                     median=g["mib_per_s"].median(), low=low, high=high, n=len(g)))
                return pd.DataFrame(rows)

            summary = medians()
            print(len(results), "trials,", len(measured), "measured and successful,", len(summary), "configurations")
            summary.head()
            """;

    static final String BANDWIDTH = """
            for ipc, g in summary.groupby("ipc", sort=False):
                fig, ax = plt.subplots(figsize=(9, 5))
                for series, line in g.groupby("series", sort=False):
                    # every size of the plan: a size with no successful trial is NaN, a gap in the line
                    line = line.set_index("buffer_size_bytes").reindex(SIZES)
                    mode = series.split()[0]
                    ax.errorbar(line.index, line["median"], yerr=[line["median"] - line["low"], line["high"] - line["median"]],
                                marker=MARKERS.get(mode, "o"), linestyle="--" if series.endswith("-s on") else "-",
                                capsize=3, label=series)
                size_axis(ax, SIZES)
                ax.set_yscale("log")
                ax.set_ylabel("bandwidth MiB/s (median, 95% CI)")
                ax.set_title(f"Bandwidth by buffer size, {ipc}")
                draw_marks(ax, SIZES)
                ax.legend(fontsize=8)
                plt.show()
            """;

    static final String RATIOS = """
            wide = summary.pivot_table(index="buffer_size_bytes", columns="series", values="median").reindex(SIZES)
            plain = [i for i in results["ipc"].unique() if i not in SOCKETS]
            rest = sorted({c.split(" ", 1)[1] for c in wide.columns})
            places = sorted({", cpus " + str(c) for c in results["cpus"].dropna()}) if PLACED else [""]
            pairs = {"-s on / -s off": [(f"{m} {i} -s on{w}", f"{m} {i} -s off{w}") for w in places for m in MARKERS
                                        for i in sorted(SOCKETS)],
                     "socket / " + ", ".join(plain) + " (-s off)": [(f"{m} {i} -s off{w}", f"{m} {p}{w}") for w in places
                                                                   for m in MARKERS for i in sorted(SOCKETS)
                                                                   for p in plain],
                     "2proc / 2thread": [("2proc " + r, "2thread " + r) for r in rest]}
            shared = [c for c in wide.columns if c.endswith(", shared fd table")]
            if shared:  # only a folder that swept --fd-table private,shared
                pairs["shared / private descriptor table"] = [(c, c[:-len(", shared fd table")]) for c in shared]
            for title, lines in pairs.items():
                fig, ax = plt.subplots(figsize=(9, 4))
                drawn = 0
                for top, bottom in lines:
                    if top in wide and bottom in wide:
                        ax.plot(wide.index, wide[top] / wide[bottom], marker="o", label=f"{top} / {bottom}")
                        drawn += 1
                ax.axhline(1.0, color="0.5", linestyle=":")
                size_axis(ax, SIZES)
                ax.set_ylabel("ratio of medians")
                ax.set_title(title + ("" if drawn else " (not in this folder)"))
                if drawn:
                    ax.legend(fontsize=8)
                plt.show()
            """;

    static final String TRACED = """
            traced_file = FOLDER / "traced.csv"
            traced = pd.read_csv(traced_file) if traced_file.exists() else pd.DataFrame()
            if traced.empty:
                print("no traced runs in this folder (no counting tracer ran)")
            else:
                traced["series"] = traced.apply(series_name, axis=1)
                traced["calls_per_mib"] = (traced["reads"] + traced["writes"]) * 1048576 / traced["total_bytes"]
                traced["switches_per_mib"] = traced["context_switches"] * 1048576 / traced["total_bytes"]
                traced["switches_per_call"] = traced["context_switches"] / (traced["reads"] + traced["writes"])
                sizes = sorted(traced["buffer_size_bytes"].unique())
                for column, label in (("calls_per_mib", "read + write calls per MiB"),
                                      ("switches_per_mib", "context switches per MiB")):
                    fig, ax = plt.subplots(figsize=(9, 4))
                    for series, g in traced.groupby("series", sort=False):
                        g = g.set_index("buffer_size_bytes").reindex(sizes)
                        ax.plot(g.index, g[column], marker=MARKERS.get(series.split()[0], "o"),
                                linestyle="--" if series.endswith("-s on") else "-", label=series)
                    size_axis(ax, sizes)
                    ax.set_yscale("log")
                    ax.set_ylabel(label)
                    ax.set_title(label + " by buffer size (traced)")
                    draw_marks(ax, sizes)
                    ax.legend(fontsize=8)
                    plt.show()
            traced
            """;

    static final String PROBE = """
            probe_file = FOLDER / "probe-effect.csv"
            probe = pd.read_csv(probe_file) if probe_file.exists() else pd.DataFrame()
            if probe.empty:
                print("no probe-effect study in this folder (no tracer ran)")
            else:
                probe["ratio"] = probe["traced_kib_per_sec"] / probe["untraced_kib_per_sec"]
                rows = []
                for (tracer, size), g in probe.groupby(["tracer", "buffer_size_bytes"], sort=False):
                    low, high = median_ci(g["ratio"])
                    rows.append(dict(tracer=tracer, buffer_size_bytes=size, ratio=g["ratio"].median(), low=low,
                                     high=high, pairs=len(g)))
                ratios = pd.DataFrame(rows)
                sizes = sorted(probe["buffer_size_bytes"].unique())
                fig, ax = plt.subplots(figsize=(9, 5))
                for i, (tracer, g) in enumerate(ratios.groupby("tracer", sort=False)):
                    g = g.set_index("buffer_size_bytes").reindex(sizes)
                    # side by side at each size, so that the whiskers do not hide each other
                    x = [s * 2 ** ((i - len(ratios["tracer"].unique()) / 2) * 0.06) for s in g.index]
                    ax.errorbar(x, g["ratio"], yerr=[g["ratio"] - g["low"], g["high"] - g["ratio"]], marker="o",
                                capsize=4, linestyle="--" if tracer.endswith("-idle") else "-", label=tracer)
                ax.axhline(1.0, color="0.5", linestyle=":")
                size_axis(ax, sizes)
                ax.set_ylabel("traced / untraced bandwidth (median of pairs, 95% CI)")
                ax.set_title("Probe effect by buffer size")
                ax.legend(fontsize=8)
                plt.show()
                print(ratios.to_string(index=False))
            """;
}
