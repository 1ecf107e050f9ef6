#!/usr/bin/env python3
"""Test oracle: CIRCL's ail-typo-squatting (the version pinned in test/requirements.txt) behind a JSON interface.

stdin:  {"requests": [{"domain": "circl.lu", "algorithms": ["omission", ...], "dynamic_dns_sample": 300,
                      "run_all": true}, ...], "repeat": 1}
        "algorithms" are ail's own names (ALGO_NAME_LIST, and "homoglyph:all" for homoglyph with its
        --all_homoglyph option); absent: all of them but addDynamicDns, like ail's
        runAll / --all, plus addDynamicDns when "dynamic_dns_sample" is given: it then runs on the first
        that many entries of ail's dynamic-DNS list (its de-duplication is quadratic: the whole list of
        35,000 suffixes takes minutes).
stdout: {"ail": "<version>",
         "results": [{"domain": ..., "algorithms": {"<ail name>": ["<ASCII name>", ...]},
                      "dropped": {"<ail name>": <count>}, "dropped_examples": {"<ail name>": [...]},
                      "run_all": {"candidates": <n>, "seconds": <best>}}]}

Each algorithm runs alone, on a fresh result list, so its list is exactly what that algorithm generates.
ail outputs Unicode names and does not check them: the oracle converts each one to ASCII (UTS #46
non-transitional, through the `idna` package) and keeps those that are host names (letters, digits and
hyphens, labels of 1 to 63 characters not starting or ending with a hyphen, at least two labels, a last
label of two or more characters, 253 characters at most); the others are counted as dropped, since no
such name can be registered or resolved. The input domain itself is left out.

"run_all" times ail's own sequence (every algorithm but addDynamicDns on one shared result list, as its
runAll does, without writing output), the best of "repeat" runs, inside this process: interpreter start-up
and the conversion above are not counted. The time is the process's CPU time (time.process_time), so
that other load on the machine does not count. "candidates" is the length of ail's result list.
"""
import json
import math
import re
import sys
import time
from importlib import metadata

import os
import tempfile

import idna
import tldextract

# ail calls tldextract.extract, which fetches the Public Suffix List from the internet on first use;
# the oracle uses the snapshot tldextract ships (the one capeo ships, lists/public_suffix_list.dat).
tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

import ail_typo_squatting.typo as typo  # noqa: E402
from ail_typo_squatting.generator.const.main import const_get_algo_name_list  # noqa: E402

LABEL = re.compile(r'^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$')
LAST_LABEL = re.compile(r'^[a-z0-9-]{2,63}$')


def to_ascii(name):
    """The ASCII form of a host name, or None when it is not one."""
    try:
        ascii_name = idna.encode(name, uts46=True, transitional=False).decode('ascii')
    except (idna.IDNAError, UnicodeError, ValueError):
        return None
    if len(ascii_name) < 4 or len(ascii_name) > 253:
        return None
    labels = ascii_name.split('.')
    if len(labels) < 2 or not LAST_LABEL.match(labels[-1]):
        return None
    if not all(LABEL.match(label) for label in labels[:-1]):
        return None
    return ascii_name


def run_algorithm(name, domain):
    if name == 'homoglyph:all':  # ail's --all_homoglyph: two rounds
        return typo.homoglyph(domain, [], False, math.inf, False, False, all=True)
    func = getattr(typo, name)
    return func(domain, [], False, math.inf, False, False)


def run_all(domain):
    result = []
    for name in const_get_algo_name_list():
        if name != 'addDynamicDns':
            result = getattr(typo, name)(domain, result, False, math.inf, False, False)
    return result


def sample_dynamic_dns(count):
    """Points ail's addDynamicDns at a copy of its list cut to its first `count` entries."""
    # ail imports its generators as the top-level package `generator` (typo.py extends sys.path): patch
    # the globals of the function typo.py calls.
    module_globals = typo.addDynamicDns.__globals__
    with open(os.path.join(module_globals['pathEtc'], 'dynamic-dns.json')) as f:
        full = json.load(f)
    directory = tempfile.mkdtemp(prefix='ail-oracle-')
    with open(os.path.join(directory, 'dynamic-dns.json'), 'w') as f:
        json.dump({**full, 'list': full['list'][:count]}, f)
    module_globals['pathEtc'] = directory


def answer(request, repeat):
    domain = request['domain']
    original = to_ascii(domain)
    names = request.get('algorithms') or [a for a in const_get_algo_name_list() if a != 'addDynamicDns'] + ['homoglyph:all']
    if request.get('dynamic_dns_sample') and 'addDynamicDns' not in names:
        sample_dynamic_dns(int(request['dynamic_dns_sample']))
        names = names + ['addDynamicDns']
    algorithms, dropped, examples = {}, {}, {}
    for name in names:
        kept, bad = set(), []
        for candidate in run_algorithm(name, domain):
            ascii_name = to_ascii(candidate)
            if ascii_name is None:
                bad.append(candidate)
            elif ascii_name != original:
                kept.add(ascii_name)
        algorithms[name] = sorted(kept)
        dropped[name] = len(bad)
        examples[name] = bad[:3]
    out = {'domain': domain, 'algorithms': algorithms, 'dropped': dropped, 'dropped_examples': examples}
    if request.get('run_all'):
        best, count = None, 0
        for _ in range(max(1, repeat)):
            started = time.process_time()
            count = len(run_all(domain))
            elapsed = time.process_time() - started
            best = elapsed if best is None else min(best, elapsed)
        out['run_all'] = {'candidates': count, 'seconds': best}
    return out


def main():
    request = json.load(sys.stdin)
    repeat = int(request.get('repeat', 1))
    results = [answer(item, repeat) for item in request['requests']]
    json.dump({'ail': metadata.version('ail-typo-squatting'), 'results': results}, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
