#!/usr/bin/env python3
"""Test oracle: dnstwist's own permutation engine (Fuzzer.generate) behind a JSON interface.

stdin, one request:    {"domain": "paypal.com", "dictionary": ["login"], "tlds": ["net"]}
stdout:                [{"fuzzer": "addition", "domain": "paypal1.com"}, ...]   (ASCII/Punycode names,
                       sorted like dnstwist's own output; includes dnstwist's "*original" entry)

stdin, a batch:        {"requests": [<request>, ...], "repeat": 5}
stdout:                {"dnstwist": "<version>", "idna": "package" | "builtin", "tld": true | false,
                        "results": [{"domain": ..., "permutations": [...], "seconds": <best generate() time>}]}
                       "seconds" times only Fuzzer.generate(), the best of "repeat" runs (benchmarks), in
                       CPU time (time.process_time), so that other load on the machine does not count.

Like dnstwist's command line, the domain is first normalised by dnstwist.UrlParser (lower case, IDNA).
Which IDNA and TLD logic dnstwist uses depends on whether the optional `idna` and `tld` packages are
installed; the batch answer says which.
"""
import json
import sys
import time

import dnstwist


def run(request, repeat=1):
    domain = dnstwist.UrlParser(request['domain']).domain
    fuzzer = dnstwist.Fuzzer(domain, dictionary=request.get('dictionary', []), tld_dictionary=request.get('tlds', []))
    best = None
    for _ in range(max(1, repeat)):
        started = time.process_time()
        fuzzer.generate()
        elapsed = time.process_time() - started
        best = elapsed if best is None else min(best, elapsed)
    permutations = [{'fuzzer': p['fuzzer'], 'domain': p['domain']} for p in fuzzer.permutations()]
    return permutations, best


def main():
    request = json.load(sys.stdin)
    if 'requests' in request:
        results = []
        for item in request['requests']:
            permutations, seconds = run(item, int(request.get('repeat', 1)))
            results.append({'domain': item['domain'], 'permutations': permutations, 'seconds': seconds})
        try:
            import idna as _idna  # noqa: F401 (dnstwist uses it when present)
            idna_impl = 'package'
        except ImportError:
            idna_impl = 'builtin'
        try:
            import tld as _tld  # noqa: F401
            has_tld = True
        except ImportError:
            has_tld = False
        json.dump({'dnstwist': dnstwist.__version__, 'idna': idna_impl, 'tld': has_tld, 'results': results}, sys.stdout)
    else:
        permutations, _ = run(request)
        json.dump(permutations, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
