#!/usr/bin/env python3
"""Black-box WeCom client: Tencent's published callback algorithm (WXBizMsgCrypt) written
from the protocol description with the Python standard library and the openssl CLI for
AES-256-CBC. Shares no code with crm-bot. Usage:

  blackbox_client.py URL TOKEN ENCODING_AES_KEY CORP_ID FROM_USER TEXT MSG_ID

It performs the URL verification (GET) and posts one encrypted text message, then
verifies and decrypts the passive reply. Prints one JSON object.
"""
import base64, hashlib, json, os, struct, subprocess, sys, time, urllib.parse, urllib.request, urllib.error, re

url, token, aes_key, corp_id, from_user, text, msg_id = sys.argv[1:8]
key = base64.b64decode(aes_key + "=")
iv = key[:16]


def aes(data, decrypt=False):
    cmd = ["openssl", "enc", "-aes-256-cbc", "-K", key.hex(), "-iv", iv.hex(), "-nopad"]
    if decrypt:
        cmd.insert(2, "-d")
    return subprocess.run(cmd, input=data, capture_output=True, check=True).stdout


def encrypt(msg):
    m = msg.encode("utf-8")
    raw = os.urandom(16) + struct.pack(">I", len(m)) + m + corp_id.encode()
    pad = 32 - len(raw) % 32
    return base64.b64encode(aes(raw + bytes([pad]) * pad)).decode()


def decrypt(b64):
    p = aes(base64.b64decode(b64), decrypt=True)
    p = p[:-p[-1]]
    n = struct.unpack(">I", p[16:20])[0]
    return p[20:20 + n].decode("utf-8"), p[20 + n:].decode()


def sign(ts, nonce, enc):
    return hashlib.sha1("".join(sorted([token, ts, nonce, enc])).encode()).hexdigest()


out = {}
ts, nonce = str(int(time.time())), "8675309"
echo_plain = "%d" % (int.from_bytes(os.urandom(7), "big"))
echostr = encrypt(echo_plain)
q = urllib.parse.urlencode({"msg_signature": sign(ts, nonce, echostr), "timestamp": ts, "nonce": nonce, "echostr": echostr})
with urllib.request.urlopen(url + "?" + q, timeout=10) as r:
    out["get_status"] = r.status
    out["get_ok"] = r.read().decode() == echo_plain

inner = ("<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>"
         "<CreateTime>%s</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[%s]]></Content>"
         "<MsgId>%s</MsgId><AgentID>1000002</AgentID></xml>") % (corp_id, from_user, ts, text, msg_id)
enc = encrypt(inner)
body = ("<xml><ToUserName><![CDATA[%s]]></ToUserName><Encrypt><![CDATA[%s]]></Encrypt>"
        "<AgentID><![CDATA[1000002]]></AgentID></xml>") % (corp_id, enc)
q = urllib.parse.urlencode({"msg_signature": sign(ts, nonce, enc), "timestamp": ts, "nonce": nonce})
req = urllib.request.Request(url + "?" + q, data=body.encode(), method="POST", headers={"Content-Type": "text/xml"})
with urllib.request.urlopen(req, timeout=10) as r:
    out["post_status"] = r.status
    reply = r.read().decode()
if reply:
    renc = re.search(r"<Encrypt><!\[CDATA\[(.*?)\]\]></Encrypt>", reply).group(1)
    rsig = re.search(r"<MsgSignature><!\[CDATA\[(.*?)\]\]></MsgSignature>", reply).group(1)
    rts = re.search(r"<TimeStamp>(.*?)</TimeStamp>", reply).group(1)
    rnonce = re.search(r"<Nonce><!\[CDATA\[(.*?)\]\]></Nonce>", reply).group(1)
    out["reply_signature_ok"] = rsig == sign(rts, rnonce, renc)
    plain, rid = decrypt(renc)
    out["reply_receiveid"] = rid
    out["reply_content"] = re.search(r"<Content><!\[CDATA\[(.*?)\]\]></Content>", plain, re.S).group(1)
print(json.dumps(out, ensure_ascii=False))
