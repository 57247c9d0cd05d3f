#!/usr/bin/env python3
"""SSJ-DRAW-1, a second implementation written from DRAW-ALGORITHM.md alone.

Reads {"input": ..., "secret": "...", "beacon": "...", "excluded": [...]?} on stdin and
writes the draw record (section 7) as canonical JSON on stdout. When a division runs out
of eligible inspectors it writes "NOT_ENOUGH_INSPECTORS <division> <uscc>" on stderr and
exits with status 3. Standard library only, so anyone can run it.
"""
import hashlib
import hmac
import json
import sys


def canonical(value):
    """RFC 8785 for what a draw record holds: objects, arrays, strings, integers, booleans, null."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: key.encode("utf-16-be"))
        return "{" + ",".join(json.dumps(key, ensure_ascii=False) + ":" + canonical(value[key]) for key in keys) + "}"
    raise TypeError("not representable in canonical JSON: %r" % (value,))


def sha256_hex(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def by_bytes(text):
    return text.encode("utf-8")


def sorted_input(raw):
    """Section 3: targets by uscc, divisions sorted, inspectors by division then id, conflicts sorted."""
    return {
        "algorithm": raw["algorithm"],
        "task": raw["task"],
        "asOf": raw["asOf"],
        "ratioBp": raw["ratioBp"],
        "highRiskRatioBp": raw["highRiskRatioBp"],
        "inspectorsPerDivision": raw["inspectorsPerDivision"],
        "minTeamSize": raw["minTeamSize"],
        "targets": sorted(
            (
                {"uscc": t["uscc"], "stratum": t["stratum"], "divisions": sorted(t["divisions"], key=by_bytes)}
                for t in raw["targets"]
            ),
            key=lambda t: by_bytes(t["uscc"]),
        ),
        "inspectors": sorted(
            (
                {"division": i["division"], "id": i["id"], "conflicts": sorted(i["conflicts"], key=by_bytes)}
                for i in raw["inspectors"]
            ),
            key=lambda i: (by_bytes(i["division"]), by_bytes(i["id"])),
        ),
    }


class NotEnoughInspectors(Exception):
    def __init__(self, division, uscc):
        super().__init__(division, uscc)
        self.division = division
        self.uscc = uscc


def draw(raw_input, secret, beacon, excluded):
    draw_input = sorted_input(raw_input)
    pool_digest = sha256_hex(canonical(draw_input))
    seed = hashlib.sha256((secret + "\n" + beacon + "\n" + pool_digest).encode("utf-8")).digest()

    def rank(label):
        # 32-byte digests compare as big-endian unsigned numbers when compared as bytes.
        return hmac.new(seed, label.encode("utf-8"), hashlib.sha256).digest()

    # Section 5.
    selected = []
    for stratum, bp in (("HIGH", draw_input["highRiskRatioBp"]), ("NORMAL", draw_input["ratioBp"])):
        population = [t for t in draw_input["targets"] if t["stratum"] == stratum]
        n = min(len(population), (len(population) * bp + 9999) // 10000)
        selected.extend(sorted(population, key=lambda t: rank("target:" + t["uscc"]))[:n])

    # Section 6.
    load = {(i["division"], i["id"]): 0 for i in draw_input["inspectors"]}
    assignments = []
    for target in selected:
        divisions = sorted(target["divisions"], key=by_bytes)
        need = {d: draw_input["inspectorsPerDivision"] for d in divisions}
        position = 0
        while sum(need.values()) < draw_input["minTeamSize"]:
            need[divisions[position % len(divisions)]] += 1
            position += 1
        team = []
        for d in divisions:
            for _ in range(need[d]):
                candidates = [
                    i
                    for i in draw_input["inspectors"]
                    if i["division"] == d
                    and {"division": d, "id": i["id"]} not in team
                    and target["uscc"] not in i["conflicts"]
                ]
                if not candidates:
                    raise NotEnoughInspectors(d, target["uscc"])
                smallest = min(load[(d, i["id"])] for i in candidates)
                lightest = [i for i in candidates if load[(d, i["id"])] == smallest]
                chosen = min(lightest, key=lambda i: rank("team:" + target["uscc"] + ":" + d + ":" + i["id"]))
                team.append({"division": d, "id": chosen["id"]})
                load[(d, chosen["id"])] += 1
        assignments.append({"uscc": target["uscc"], "stratum": target["stratum"], "divisions": divisions, "team": team})

    return {
        "input": draw_input,
        "poolDigest": pool_digest,
        "commitment": sha256_hex(secret),
        "secret": secret,
        "beacon": beacon,
        "seed": seed.hex(),
        "assignments": assignments,
        "excluded": sorted(
            ({"uscc": e["uscc"], "reason": e["reason"]} for e in excluded),
            key=lambda e: (by_bytes(e["uscc"]), by_bytes(e["reason"])),
        ),
    }


def main():
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    try:
        record = draw(request["input"], request["secret"], request["beacon"], request.get("excluded", []))
    except NotEnoughInspectors as failure:
        sys.stderr.write("NOT_ENOUGH_INSPECTORS %s %s\n" % (failure.division, failure.uscc))
        return 3
    sys.stdout.buffer.write(canonical(record).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
