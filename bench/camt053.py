#!/usr/bin/env python3
"""P11: writes a camt.053.001.08 statement with one booked credit per line of the input (invoice number, amount),
each naming its invoice in the remittance text, as a bank would send an issuer's incoming transfers."""
import sys
from datetime import date

src, out, day = sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else date.today().isoformat()
with open(src) as f, open(out, "w") as o:
    o.write('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">'
            '<BkToCstmrStmt><GrpHdr><MsgId>P11</MsgId><CreDtTm>%sT08:00:00</CreDtTm></GrpHdr><Stmt><Id>P11</Id>'
            '<CreDtTm>%sT08:00:00</CreDtTm><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct>' % (day, day))
    for i, line in enumerate(f, start=1):
        number, amount = line.strip().split("\t")
        o.write('<Ntry><NtryRef>P11-%d</NtryRef><Amt Ccy="EUR">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
                '<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>%s</Dt></BookgDt><ValDt><Dt>%s</Dt></ValDt>'
                '<AcctSvcrRef>P11-%d</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>'
                '<RltdPties><Dbtr><Pty><Nm>Buyer %d</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN>'
                '</Id></DbtrAcct></RltdPties><RmtInf><Ustrd>Invoice %s</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>'
                % (i, amount, day, day, i, i, number))
    o.write('</Stmt></BkToCstmrStmt></Document>\n')
