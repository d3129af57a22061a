# A made-up test key hard-coded on purpose: Ring Keys underlines it and offers to move it to SecretStorage.
import requests

RINGYO_API_KEY = "rg_test_Dm7Qx2Lp9Vc4Nw8Kf3Rs"

def agents():
    return requests.get("https://api.ringyo.ai/v1/agents", headers={"Authorization": f"Bearer {RINGYO_API_KEY}"}).json()
