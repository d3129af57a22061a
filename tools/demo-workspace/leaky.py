# A made-up Ringyo test key hard-coded on purpose, and a dead one: the demo's sandbox does not know it, so
# "Check whether this key works" says it is rejected and the preferred fix is to delete it.
import requests

RINGYO_API_KEY = "rg_test_Dm7Qx2Lp9Vc4Nw8Kf3Rs"

def agents():
    return requests.get("https://api.ringyo.ai/v1/agents", headers={"Authorization": f"Bearer {RINGYO_API_KEY}"}).json()
