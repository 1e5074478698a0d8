#!/usr/bin/env python3
"""Peer for bench/sgp4.ts: python-sgp4 propagating the same catalog objects at the same times.

Times only the propagation (not TLE parsing or array set-up), best of 3 runs, and prints one
JSON object.
With python-sgp4's compiled extension (`sgp4.api.accelerated` True) it uses the C++ SatrecArray
over all objects and times in one call; without it (Debian's python3-sgp4 2.15 ships no compiled
module) it runs the pure-Python Satrec.sgp4 loop that SatrecArray runs there, over at most
--max-pure objects, since the rate per propagation is what is compared.

usage: peer_sgp4.py CATALOG N START_UNIX_S STEPS STEP_S [--max-pure K]
"""
import json
import sys
import time


def main():
    args = sys.argv[1:]
    max_pure = 1000
    if '--max-pure' in args:
        k = args.index('--max-pure')
        max_pure = int(args[k + 1])
        del args[k:k + 2]
    catalog, n, start_s, steps, step_s = args[0], int(args[1]), float(args[2]), int(args[3]), float(args[4])

    from sgp4.api import Satrec, accelerated
    import sgp4

    lines = [l.rstrip() for l in open(catalog, encoding='utf-8-sig')]
    sats = []
    i = 0
    while i + 1 < len(lines) and len(sats) < n:
        if lines[i].startswith('1 ') and lines[i + 1].startswith('2 '):
            sats.append(Satrec.twoline2rv(lines[i], lines[i + 1]))
            i += 2
        else:
            i += 1
    jd0 = start_s / 86400.0 + 2440587.5
    whole = float(int(jd0))
    jd = [whole] * steps
    fr = [(jd0 - whole) + k * step_s / 86400.0 for k in range(steps)]

    mode = 'accelerated C++ SatrecArray' if accelerated else 'pure-Python Satrec.sgp4 loop'
    used = sats if accelerated else sats[:max_pure]
    errors = 0
    if accelerated:
        import numpy as np
        from sgp4.api import SatrecArray
        arr = SatrecArray(used)
        jd_a, fr_a = np.array(jd), np.array(fr)
        arr.sgp4(jd_a, fr_a)  # warm-up
        wall = float('inf')
        for _ in range(3):
            t0 = time.perf_counter()
            e, r, v = arr.sgp4(jd_a, fr_a)
            wall = min(wall, time.perf_counter() - t0)
        errors = int((e != 0).sum())
    else:
        wall = float('inf')
        for _ in range(3):
            errors = 0
            t0 = time.perf_counter()
            for s in used:
                for j, f in zip(jd, fr):
                    e, r, v = s.sgp4(j, f)
                    if e:
                        errors += 1
            wall = min(wall, time.perf_counter() - t0)
    props = len(used) * steps
    print(json.dumps({
        'peer': 'python-sgp4 %s' % getattr(sgp4, '__version__', '') if getattr(sgp4, '__version__', '') else 'python-sgp4',
        'mode': mode, 'accelerated': bool(accelerated), 'objects': len(used), 'steps': steps,
        'propagations': props, 'wall_s': wall, 'rate_per_s': props / wall, 'errors': errors,
        'python': sys.version.split()[0],
    }))


if __name__ == '__main__':
    main()
