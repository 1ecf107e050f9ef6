import { fingerprint, similarity } from '../../activities/eavd/enrich/page-similarity';

const login = (brand: string, extra = '') => `<!doctype html><html><head><title>${brand} – Sign in</title>
<style>body{font:14px sans-serif}</style><script>var tracking = "ignored words here";</script></head>
<body><header><img src="/logo.svg" alt="${brand}"></header>
<main><h1>Sign in to your ${brand} account</h1>
<form action="/session" method="post"><label>Email address</label><input type="email" name="email">
<label>Password</label><input type="password" name="password"><button>Sign in</button></form>
<p>Forgot your password? Reset it from the account recovery page. New to ${brand}? Create an account in minutes.</p>
${extra}</main><footer>&copy; ${brand} Inc. Privacy &amp; terms.</footer></body></html>`;

const parking = `<html><head><title>examp1e.com is for sale</title></head><body><div class="banner">
<h2>This domain may be for sale</h2><a href="https://broker.test/buy">Make an offer</a>
<ul><li>Related searches</li><li>Cheap flights</li><li>Online casino</li></ul></div></body></html>`;

test('a cloned login page scores near 1, a parked page near 0, the same page exactly 1', () => {
  const brand = fingerprint(login('Example'));
  expect(similarity(brand, fingerprint(login('Example')))).toBe(1);
  const clone = similarity(brand, fingerprint(login('Example', '<p>Secure session verified.</p>')));
  expect(clone).toBeGreaterThanOrEqual(0.8);
  expect(clone).toBeLessThan(1);
  expect(similarity(brand, fingerprint(parking))).toBeLessThan(0.2);
});

test('fingerprints ignore scripts, styles and comments, decode entities, and keep form fields by type', () => {
  const f = fingerprint(login('Example'));
  expect(f.title).toBe('Example – Sign in');
  expect([...f.text].some((t) => t.includes('tracking') || t.includes('sans'))).toBe(false);
  expect(f.text.has('privacy terms')).toBe(false);
  expect(f.text.has('inc privacy terms')).toBe(true);
  expect(f.structure.has('input:password')).toBe(true);
  expect(f.structure.has('form')).toBe(true);
});

test('an empty page is similar to nothing', () => {
  expect(similarity(fingerprint(''), fingerprint(''))).toBe(0);
  expect(similarity(fingerprint('<html></html>'), fingerprint(login('Example')))).toBe(0);
});
