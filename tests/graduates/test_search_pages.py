"""The company graduate search's pagination."""
from bontang.graduates import services as company
from tests.training.factories import make_graduate, make_programme, make_scheme


def test_page_past_the_end_shows_the_last_page_and_empty_search_is_empty():
    programme = make_programme(scheme_id=make_scheme().id, quota=0)
    for _ in range(3):
        make_graduate(programme=programme)
    page = company.paginate_graduates(company.GraduateFilters(), 9, 2)
    assert page.page == 2 and page.total == 3 and len(page.items) == 1
    none = company.paginate_graduates(company.GraduateFilters(q="tidak-ada-yang-cocok"), 1, 2)
    assert none.total == 0 and none.items == []


def test_more_matches_than_the_cap_are_counted_as_more_than(client, login_as, monkeypatch):
    from bontang.graduates import views

    monkeypatch.setattr(company, "RESULT_CAP", 3)
    monkeypatch.setattr(views, "PER_PAGE", 2)
    login_as("company_hr")
    programme = make_programme(scheme_id=make_scheme().id, quota=0)
    for _ in range(5):
        make_graduate(programme=programme)
    first = company.paginate_graduates(company.GraduateFilters(), 1, 2)
    assert first.capped and first.total == 3 and first.has_next and len(first.items) == 2
    body = client.get("/lulusan", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Lebih dari 3 lulusan ditemukan" in body and "persempit pencarian" in body
    assert "Halaman 1 ·" in body and "page=2" in body and "Berikutnya" in body
    # Deep enough to have seen every match: the exact number again, and no page after the last.
    last = client.get("/lulusan?page=3", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "5 lulusan ditemukan" in last and "Halaman 3 dari 3" in last and "Lebih dari" not in last
    assert "Berikutnya" not in last


def test_few_matches_are_counted_exactly():
    programme = make_programme(scheme_id=make_scheme().id, quota=0)
    for _ in range(4):
        make_graduate(programme=programme)
    page = company.paginate_graduates(company.GraduateFilters(), 1, 2)
    assert not page.capped and page.total == 4 and page.pages == 2


def test_relevance_order_with_name_matches_and_flags_is_the_score_then_newest():
    """The score: valid certificate 4, Bontang KTP 2, available 1, each search term in the name 3; ties newest first."""
    scheme = make_scheme("Juru Las Kapal")
    people = {
        "name_only": make_graduate(name="Kapal Tua", scheme=scheme, expired=True, has_bontang_ktp=False,
                                   employment_status="employed"),                        # 3
        "valid_old": make_graduate(name="Andi Berlaku", scheme=scheme, has_bontang_ktp=False,
                                   employment_status="employed"),                        # 4
        "all_flags": make_graduate(name="Budi Lengkap", scheme=scheme),                  # 7
        "all_and_name": make_graduate(name="Kapal Lengkap", scheme=scheme),              # 10
        "valid_new": make_graduate(name="Cici Berlaku", scheme=scheme, has_bontang_ktp=False,
                                   employment_status="employed"),                        # 4, newer
        "local_available": make_graduate(name="Dedi Lokal", scheme=scheme, expired=True),  # 3, newer than name_only
    }
    page = company.paginate_graduates(company.GraduateFilters(q="kapal"), 1, 20)
    order = {g.id: i for i, g in enumerate(page.items)}
    expected = ["all_and_name", "all_flags", "valid_new", "valid_old", "local_available", "name_only"]
    assert sorted(expected, key=lambda key: order[people[key].id]) == expected
    assert page.total == 6 and not page.capped


def test_search_cards_show_certificates_training_and_skills_without_private_data():
    from tests.jobseekers.factories import make_skill

    skills = [make_skill(f"Keahlian {letter}") for letter in "ABCDEFGHIJ"]
    scheme = make_scheme("Operator Forklift")
    seeker = make_graduate(name="Eko Kartu", scheme=scheme, skill_ids=[s.id for s in skills],
                           address="Jl. Rahasia 1", phone="0811111111")
    card = company.paginate_graduates(company.GraduateFilters(q="kartu"), 1, 20).items[0]
    assert card.id == seeker.id and card.name == "Eko Kartu" and card.local and not card.employed
    assert [c.name for c in card.certificates] == ["Operator Forklift"] and card.certificates[0].valid
    assert card.certificates[0].badge.startswith("berlaku sampai")
    assert card.programmes and card.skills == [f"Keahlian {letter}" for letter in "ABCDEFGH"] and card.more_skills == 2
    assert "tahun" in card.summary
    fields = vars(card)
    assert not {"nik", "nik_cipher", "nik_tail", "address", "phone", "email", "welfare_decile",
                "disability_details"} & set(fields)
    assert "Rahasia" not in repr(card) and "0811111111" not in repr(card)


def test_a_term_only_in_skills_or_training_ranks_by_the_flags_then_newest():
    """No name matches the term: the page comes from the flag parts (valid 4, KTP 2, available 1), newest first."""
    scheme = make_scheme("Juru Derek Mobil")
    people = [make_graduate(name="Agus Satu", scheme=scheme, expired=True, has_bontang_ktp=False),          # 1
              make_graduate(name="Budi Dua", scheme=scheme, employment_status="employed"),                 # 6
              make_graduate(name="Cici Tiga", scheme=scheme),                                              # 7
              make_graduate(name="Dedi Empat", scheme=scheme, has_bontang_ktp=False),                      # 5
              make_graduate(name="Eko Lima", scheme=scheme)]                                               # 7, newer
    make_graduate(name="Fajar Lain")                                                                        # no match
    page = company.paginate_graduates(company.GraduateFilters(q="derek"), 1, 20)
    assert [g.id for g in page.items] == [people[i].id for i in (4, 2, 1, 3, 0)]
    assert page.total == 5 and not page.capped
    second = company.paginate_graduates(company.GraduateFilters(q="derek"), 2, 2)
    assert [g.id for g in second.items] == [people[1].id, people[3].id] and second.total == 5


def _by_score(people, flags):
    """The search's order worked out by hand: valid certificate 4, Bontang KTP 2, available 1; ties newest first."""
    return sorted(people, key=lambda p: (-(4 * flags[p.id][0] + 2 * flags[p.id][1] + flags[p.id][2]), -p.id))


def test_every_page_without_name_matches_follows_the_score_and_counts_up_to_the_cap(monkeypatch):
    """The best flag combination is read first; when it alone fills the count the page is cut from it, else the
    other combinations fill the rest of the page and of the count: pages across that boundary, and past the cap."""
    programme = make_programme(scheme_id=make_scheme("Operator Boiler").id, quota=0)
    statuses = ["available", "in_training", "employed", "available"]
    people, flags = [], {}
    for i in range(14):
        valid, local, status = i % 5 != 2, i % 3 != 1, statuses[i % 4]
        person = make_graduate(programme=programme, name=f"Lulusan {i}", expired=not valid, has_bontang_ktp=local,
                               employment_status=status)
        people.append(person)
        flags[person.id] = (valid, local, status == "available")
    cases = [(company.GraduateFilters(), people),
             (company.GraduateFilters(local_only=True), [p for p in people if flags[p.id][1]]),
             (company.GraduateFilters(valid_only=True, available_only=True),
              [p for p in people if flags[p.id][0] and flags[p.id][2]])]
    first_tier = sum(1 for f in flags.values() if all(f))
    assert 0 < first_tier < 7  # some pages come from the best combination alone, some across it
    for cap in (3, first_tier, 8, 40):
        monkeypatch.setattr(company, "RESULT_CAP", cap)
        for filters, matching in cases:
            expected = [p.id for p in _by_score(matching, flags)]
            for number in range(1, 6):
                page = company.paginate_graduates(filters, number, 3)
                if number > page.page:  # past the last page: the last page is shown
                    break
                assert [g.id for g in page.items] == expected[(number - 1) * 3:number * 3], (cap, filters, number)
                if len(expected) > max(cap, number * 3):
                    assert page.capped and page.total == max(cap, number * 3), (cap, filters, number)
                else:
                    assert not page.capped and page.total == len(expected), (cap, filters, number)
