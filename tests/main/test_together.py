"""One statement reads a page's small lists exactly as their own queries would, each in its own order."""
from datetime import date

from sqlalchemy import select

from bontang.accounts.models import Company, Role, User
from bontang.choices import Choice, choice_list, choice_lists
from bontang.extensions import db
from bontang.jobseekers.models import EmploymentStatus, JobSeeker, Skill, SkillKind
from bontang.together import dialect, ids_parameter, part, together
from tests.factories import make_company, make_user
from tests.hiring.factories import make_job_seeker


def test_each_list_comes_back_whole_in_its_own_order_with_its_conditions(app):
    with app.app_context():
        for code, name, area in [("Z1", "Zinc plating", "Manufaktur"), ("A1", "Anyaman", ""),
                                 ("B1", "Bubut", "Manufaktur"), ("C1", "Cat", "Bangunan")]:
            db.session.add(Skill(code=code, name=name, kind=SkillKind.HARD, area=area))
        for name in ["PT Zeta", "CV Alfa", "PT Beta"]:
            make_company(name=name)
        for role, name, active in [(Role.STAFF, "Wati", True), (Role.ADMIN, "Adi", True), (Role.STAFF, "Budi", False),
                                   (Role.OFFICIAL, "Ani", True)]:
            make_user(role, name=name, active=active)
        db.session.commit()

        found = choice_lists(together(
            skills=choice_list(Skill.id, Skill.name, group_column=Skill.area, order_by=(Skill.area, Skill.name)),
            companies=choice_list(Company.id, Company.name, order_by=(Company.name.desc(),)),
            officers=choice_list(User.id, User.name, order_by=(User.name,),
                                 where=(User.active.is_(True), User.role.in_((Role.STAFF, Role.ADMIN))))))

        assert found["skills"] == [Choice(*row) for row in db.session.execute(
            select(Skill.id, Skill.name, Skill.area).order_by(Skill.area, Skill.name))]
        assert [c.label for c in found["companies"]] == sorted(
            db.session.scalars(select(Company.name)), reverse=True)
        assert [c.label for c in found["officers"]] == ["Adi", "Wati"]
        assert all(c.group is None for c in found["officers"])
        assert {c.id for c in found["officers"]} == set(db.session.scalars(
            select(User.id).where(User.name.in_(["Adi", "Wati"]))))


def test_an_empty_list_is_an_empty_list(app):
    with app.app_context():
        found = choice_lists(together(
            skills=choice_list(Skill.id, Skill.name, order_by=(Skill.name,)),
            officers=choice_list(User.id, User.name, order_by=(User.name,), where=(User.id < 0,))))
        assert found == {"skills": [], "officers": []}


def test_parts_of_other_shapes_keep_their_types_and_take_an_ids_parameter(app):
    """Dates, enums and booleans come back typed on both databases; `ids_parameter` narrows each part alike."""
    with app.app_context():
        people = [make_job_seeker(name=name, birth_date=date(1990 + i, 1, 2), has_bontang_ktp=i % 2 == 0)
                  for i, name in enumerate(["Cici", "Ani", "Budi"])]
        wanted = [people[0].id, people[2].id]
        reading = together(
            born=part(select(JobSeeker.id, JobSeeker.birth_date, JobSeeker.employment_status)
                      .where(ids_parameter(JobSeeker.id, "ids", dialect())), JobSeeker.birth_date.desc()),
            names=part(select(JobSeeker.name, JobSeeker.has_bontang_ktp)
                       .where(ids_parameter(JobSeeker.id, "ids", dialect())), JobSeeker.name))
        found = reading.read(ids=wanted)
        assert found["born"] == [(people[2].id, date(1992, 1, 2), EmploymentStatus.AVAILABLE),
                                 (people[0].id, date(1990, 1, 2), EmploymentStatus.AVAILABLE)]
        assert found["names"] == [("Budi", True), ("Cici", True)]
        assert reading.read(ids=[people[1].id])["names"] == [("Ani", False)]


def test_option_tags_escape_labels_mark_the_chosen_one_and_render_as_the_select_did(client, login_as):
    from bontang.choices import option_tags

    html = str(option_tags([Choice(3, 'PT "A" & <B>'), Choice(7, "Las", "Konstruksi")], 7, with_group=True))
    assert html == ('<option value="3">PT &#34;A&#34; &amp; &lt;B&gt;</option>'
                    '<option value="7" selected>Las · Konstruksi</option>')
    assert str(option_tags([Choice(1, "<i>", "<g>")], None, with_group=True)) == '<option value="1">&lt;i&gt; · &lt;g&gt;</option>'
    company = make_company(name="PT <Skrip> Bontang")
    login_as("staff")
    page = client.get(f"/kelola/permintaan?perusahaan={company.id}").get_data(as_text=True)
    assert f'<option value="{company.id}" selected>PT &lt;Skrip&gt; Bontang</option>' in page and "<Skrip>" not in page
