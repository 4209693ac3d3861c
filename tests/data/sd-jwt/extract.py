import json, re, os, sys
# Cuts RFC 9901's examples out of the rendered draft (see README.md).
lines = open('draft.txt').read().split('\n')
out_dir = os.path.dirname(os.path.abspath(__file__))
def find(text, start=0):
    for i in range(start, len(lines)):
        if text in lines[i]:
            return i
    raise SystemExit('not found: ' + text)
def block(i):
    while not lines[i].rstrip().endswith(':'): i += 1
    i += 1
    while not lines[i].strip(): i += 1
    b = []
    while i < len(lines) and lines[i].strip():
        b.append(lines[i]); i += 1
    return b
def b64(i): return ''.join(l.strip() for l in block(i))
def js(i):
    t = '\n'.join(l[3:] for l in block(i))
    json.loads(t)
    return t + '\n'
def hashes(start, end):
    res = []
    i = start
    while i < end:
        m = re.match(r'\s*\*\s+SHA-256 Hash: (\S+)', lines[i])
        if m:
            h = m.group(1)
            j = find('Disclosure:', i)
            d = []
            k = j + 1
            while 'Contents:' not in lines[k]:
                d.append(lines[k].strip()); k += 1
            res.append((h, ''.join(d)))
            i = k
        i += 1
    return res
def write(name, text):
    os.makedirs(os.path.dirname(os.path.join(out_dir, name)), exist_ok=True)
    open(os.path.join(out_dir, name), 'w').write(text if text.endswith('\n') else text + '\n')
def write_hashes(name, pairs):
    write(name, ''.join(f'{h} {d}\n' for h, d in pairs))

s5 = find('5.1.  Issuance', 900); s52 = find('5.2.  Presentation', s5); s6 = find('6.  Considerations on Nested', s52)
write('simple/issuance.txt', b64(find('Adding the Disclosures produces the SD-JWT:', s5)))
i = find('and the Key Binding JWT as the last element.', s52)
lines[i] = lines[i].replace('element.', 'element:')
write('simple/presentation.txt', b64(i))
write('simple/kb_payload.json', js(find('The following Key Binding JWT payload was created', s52)))
write('simple/processed.json', js(find('JWT Payload available for further handling:', s52)))
write_hashes('simple/disclosures.txt', hashes(s5, s52))

s61 = find('6.1.  Example: Flat SD-JWT', s6); s62 = find('6.2.  Example: Structured', s61); s63 = find('6.3.  Example: SD-JWT with Recursive', s62); s7 = find('7.  Verification and Processing', s63)
i = s61
while lines[i] != '   {': i += 1
lines[i-1] = 'x:'
write('flat/payload.json', js(i - 1))
write_hashes('flat/disclosures.txt', hashes(s61, s62))
write('structured/payload.json', js(find('selectively disclosable individually:', s62)))
write_hashes('structured/disclosures.txt', hashes(s62, s63))
write('recursive/payload.json', js(find('selectively disclosable as well as its sub-claims:', s63)))
write_hashes('recursive/disclosures.txt', hashes(s63, s7))

s82 = find('8.2.  Flattened JSON Serialization', s7); s83 = find('8.3.  General JSON', s82); s84 = find('8.4.  Verification of the JWS JSON', s83)
def jsonser(i):
    # JSON with base64url strings wrapped over lines: join continuation lines inside strings.
    raw = [l[3:] for l in block(i)]
    txt = ''
    for l in raw:
        st = l.strip()
        if txt and not txt.rstrip().endswith((',', '{', '[', ':')) and not st.startswith(('}', ']', '"')):
            txt = txt.rstrip() + st
        elif txt.rstrip().endswith(':') and st.startswith('"'):
            txt = txt.rstrip() + ' ' + st
        else:
            txt += ('\n' if txt else '') + l
    json.loads(txt)
    return txt + '\n'
write('json_flattened/issuance.json', jsonser(find('as issued using the Flattened JSON Serialization:', s82)))
write('json_flattened/presentation.json', jsonser(find('The following is an SD-JWT+KB with two Disclosures:', s82)))
write('json_general/presentation.json', jsonser(find('JSON Serialization:', s83 + 5)))

a1 = find('A.1.  Simple Structured SD-JWT', 2600); a2 = find('A.2.  Complex Structured', a1); a3 = find('A.3.  SD-JWT-based Verifiable', a2); a4 = find('A.4.  W3C Verifiable', a3); a5 = find('A.5.  Elliptic Curve Key', a4)
write('simple_structured/payload.json', js(find('The following payload is used for the SD-JWT:', a1)))
write_hashes('simple_structured/disclosures.txt', hashes(a1, a2))
write('simple_structured/decoys.txt', '\n'.join(l.strip().lstrip('*').strip() for l in block(find('The following decoy digests are added:', a1))))
write('simple_structured/presentation.txt', b64(find('The following is a presentation of the SD-JWT that discloses only', a1) + 1))
write('simple_structured/processed.json', js(find('JWT Payload available for further handling:', a1)))
write('complex_ekyc/payload.json', js(find('The following payload is used for the SD-JWT:', a2)))
write_hashes('complex_ekyc/disclosures.txt', hashes(a2, a3))
write('complex_ekyc/presentation.txt', b64(find('The following is a presentation of the SD-JWT:', a2)))
write('complex_ekyc/processed.json', js(find('The Verifier will have this Processed SD-JWT Payload available after', a2) + 1))
write('arf-pid/issuance.txt', b64(find('The following is the issued SD-JWT:', a3)))
write('arf-pid/payload.json', js(find('The following payload is used for the SD-JWT:', a3)))
write_hashes('arf-pid/disclosures.txt', hashes(a3, a4))
write('arf-pid/presentation.txt', b64(find('The following is an example of an SD-JWT+KB that discloses only', a3) + 1))
write('arf-pid/kb_payload.json', js(find('This is the payload of the corresponding Key Binding JWT:', a3)))
write('arf-pid/processed.json', js(find('JWT Payload available for further handling:', a3)))
write('jsonld/issuance.txt', b64(find('The following is the issued SD-JWT:', a4)))
write('jsonld/payload.json', js(find('The following payload is used for the SD-JWT:', a4)))
write_hashes('jsonld/disclosures.txt', hashes(a4, a5))
write('jsonld/processed.json', js(find('SD-JWT Payload available for further handling:', a4)))
write('issuer-key.jwk', js(find('can be used to validate the Issuer signatures in the above examples:', a5)))
write('jsonld/presentation.txt', b64(find('This is an example of an SD-JWT+KB that discloses only type,', a4)))
