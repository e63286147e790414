def test_city_builds(city):
    from pembina.org.selectors import superior_chain

    chain = superior_chain(employee=city.people["staff_a"])
    assert chain.superior == city.people["kasi_a1a"]
    assert chain.superior_of_superior == city.people["kabid_a1"]


def test_healthz(client, db):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"
