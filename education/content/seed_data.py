"""The seeded patient content, written in our own words from the facts of its sources.

The content began with one source: "Treating Stage 4 ROS1+ Cancer (For Patients)",
a patient advocacy group's page dated 19 February 2022 (../shared/seed/). In
December 2026 it was brought up to date from the public sources listed on each
section and drug (their `sources`) and on each regulatory fact (its `source`).
We carry the facts of our sources, never their sentences, and add no medical
fact that a listed source does not state; plain definitions of medical words
are ours. Typos in the seed page are fixed here: crizotinib's ROS1 approval was
March 2016, and the brand is Lorbrena.

Nothing here has been medically reviewed. `education.seeding` loads it as
published but unreviewed, so every page says "Awaiting medical review" until a
reviewer signs it off. docs/content-update-2026.md lists what changed in
December 2026, and what a reviewer must still confirm. Slugs are stable
anchors: change wording freely, never a slug.
"""

from __future__ import annotations

from datetime import date
from inspect import cleandoc as md

CHECKED = date(2026, 12, 2)  # the day the sources below were read
# The day the sources of the bad-week section (issue 14) were read.
CHECKED_CHECKIN = date(2026, 12, 3)


def cite(source: dict, supports: str) -> dict:
    """One use of a source: what it supports here."""
    return {**source, "supports": supports}


def _source(
    title: str,
    publisher: str,
    url: str = "",
    *,
    doi: str = "",
    pmid: str = "",
    published_on: date | None = None,
    checked_on: date = CHECKED,
) -> dict:
    return {
        "title": title,
        "publisher": publisher,
        "url": url,
        "doi": doi,
        "pmid": pmid,
        "published_on": published_on,
        "checked_on": checked_on,
    }


# Sources, each defined once. Where we read a stored copy of a page, the address
# given is the publisher's own; docs/content-update-2026.md names the copy read.

SEED_SOURCE = _source(
    "Treating Stage 4 ROS1+ Cancer (For Patients)",
    "The ROS1ders",
    "https://www.theros1ders.org/treatment-options",
    published_on=date(2022, 2, 19),
)
NCCN_SOURCE = _source(
    "NCCN Guidelines (National Comprehensive Cancer Network)",
    "National Comprehensive Cancer Network",
    "https://www.nccn.org/guidelines/category_1",
)

# About ROS1+ cancer and testing.
LUNG_ORG_ROS1 = _source(
    "ROS1 (lung cancer biomarker testing)",
    "American Lung Association",
    "https://www.lung.org/lung-health-diseases/lung-disease-lookup/lung-cancer/"
    "symptoms-diagnosis/biomarker-testing/ros1",
)
LCFA_ROS1_BIOMARKER = _source(
    "ROS1",
    "Lung Cancer Foundation of America",
    "https://lcfamerica.org/about-lung-cancer/diagnosis/biomarkers/ros1",
)
LCFA_ROS1_TREATMENT = _source(
    "What is ROS1-positive lung cancer and how is it treated?",
    "Lung Cancer Foundation of America",
    "https://lcfamerica.org/lung-cancer-info/types-lung-cancer/ros1-positive-lung-cancer/",
)
ROS1DERS_PATIENT_GUIDE = _source(
    "Guide for Patients: ROS1der Tips for ROS1+ Cancer Patients and their Caregivers",
    "The ROS1ders",
    "https://ros1cancer.com/about-ros1/",
)
BIOONCOLOGY_ROS1_TESTING = _source(
    "Detecting ROS1+ NSCLC",
    "Genentech (BioOncology)",
    "https://www.biooncology.com/pathways/cancer-tumor-targets/ros1/ros1-testing.html",
)
ROZLYTREK_HCP_TESTING = _source(
    "How to test for ROS1 in NSCLC",
    "Genentech (Rozlytrek site for health care professionals)",
    "https://www.rozlytrek-hcp.com/testing/testing-for-ros1-in-mnsclc.html",
)

# Reviews.
BOULANGER_REVIEW = _source(
    "Advances and future directions in ROS1 fusion-positive lung cancer",
    "Lung Cancer: Targets and Therapy",
    "https://doi.org/10.2147/LCTT.S443099",
    doi="10.2147/LCTT.S443099",
)
WESPISER_REVIEW_2026 = _source(
    "ROS1-positive non-small cell lung cancer: from genomics to treatment decisions",
    "Frontiers in Oncology",
    "https://doi.org/10.3389/fonc.2026.1739598",
    doi="10.3389/fonc.2026.1739598",
    published_on=date(2026, 2, 2),
)
OU_ZHU_CNS_2019 = _source(
    "CNS metastasis in ROS1+ NSCLC: An urgent call to action, to understand, and to overcome",
    "Lung Cancer",
    "https://doi.org/10.1016/j.lungcan.2019.02.025",
    doi="10.1016/j.lungcan.2019.02.025",
)
LIN_RESISTANCE_CCR_2021 = _source(
    "Spectrum of Mechanisms of Resistance to Crizotinib and Lorlatinib in ROS1 "
    "Fusion-Positive Lung Cancer",
    "Clinical Cancer Research",
    "https://aacrjournals.org/clincancerres/article/27/10/2899/665682/"
    "Spectrum-of-Mechanisms-of-Resistance-to-Crizotinib",
)
PCM_ROS1_CASES = _source(
    "Cases of ROS1-rearranged lung cancer: when to use crizotinib, entrectinib, lorlatinib, "
    "and beyond?",
    "Precision Cancer Medicine",
    "https://pcm.amegroups.com/article/view/5616/html",
)

# Crizotinib.
NEJM_CRIZOTINIB_2014 = _source(
    "Crizotinib in ROS1-Rearranged Non-Small-Cell Lung Cancer",
    "New England Journal of Medicine",
    "https://doi.org/10.1056/NEJMoa1406766",
    doi="10.1056/NEJMoa1406766",
    pmid="25264305",
    published_on=date(2014, 11, 20),
)
PFIZER_XALKORI_DOSING = _source(
    "XALKORI (crizotinib) dosing",
    "Pfizer (site for US health care professionals)",
    "https://www.pfizerpro.com/product/xalkori/hcp/dosing",
)

# Entrectinib.
GENENTECH_ROZLYTREK_2019 = _source(
    "FDA Approves Genentech's Personalized Medicine for Two Different Indications in "
    "ROS1-Positive Non-Small Cell Lung Cancer and NTRK Fusion-Positive Solid Tumors",
    "Genentech",
    "https://www.gene.com/media/news-features/fda-approves-genentech-s-personalized-medicine-"
    "for-two-different-indications-in-ros1-positive-non-small-cell-lung-cancer-and-ntrk-"
    "fusion-positive-solid-tumors",
    published_on=date(2019, 8, 15),
)
ROZLYTREK_US_LABEL = _source(
    "Rozlytrek Prescribing Information",
    "PrescriberPoint (copy of the US label)",
    "https://prescriberpoint.com/therapies/rozlytrek-c7c71b0",
)
ROZLYTREK_US_LABEL_2024 = _source(
    "Rozlytrek (entrectinib) capsules and oral pellets: US label, effective 6 February 2024",
    "MedPath (copy of the US label)",
    "https://trial.medpath.com/drug/approvals/fda/acf51851d9300c93",
)
ROZLYTREK_PELLETS_2023 = _source(
    "FDA Expands Pediatric Indication for Rozlytrek and Approves New Pellet Formulation",
    "Clinical Oncology News",
    "https://www.clinicaloncology.com/Solid-Tumors/Article/10-23/"
    "FDA-Expands-Pediatric-Indication-for-Rozlytrek-and-Approves-New-Pellet-Formulation/71847",
    published_on=date(2023, 10, 24),
)
ROZLYTREK_DOSAGE = _source(
    "Rozlytrek Dosage",
    "Drugs.com (from the US label)",
    "https://www.drugs.com/dosage/rozlytrek.html",
)
ROZLYTREK_MISSED_DOSE = _source(
    "Rozlytrek Dosage/Direction for Use",
    "MIMS Thailand (from the prescribing information)",
    "https://www.mims.com/thailand/drug/info/rozlytrek/dosage",
)
ROZLYTREK_PREGNANCY = _source(
    "Rozlytrek: use in pregnancy and lactation",
    "MIMS Hong Kong (from the prescribing information)",
    "https://www.mims.com/hongkong/drug/info/rozlytrek/use-in-pregnancy-lactation",
)
ROZLYTREK_WARNINGS = _source(
    "Rozlytrek: warnings and precautions (US prescribing information)",
    "RxReasoner (from the US label)",
    "https://rxreasoner.com/monographs/rozlytrek/precautions",
)
ROZLYTREK_PATIENT_SIDE_EFFECTS = _source(
    "Rozlytrek (Entrectinib Capsules): Side Effects, Uses, Dosage, Interactions, Warnings",
    "RxList",
    "https://www.rxlist.com/rozlytrek-drug.htm",
)
LANCET_ONC_ENTRECTINIB_2020 = _source(
    "Entrectinib in ROS1 fusion-positive non-small-cell lung cancer: integrated analysis of "
    "three phase 1-2 trials",
    "The Lancet Oncology",
    "https://doi.org/10.1016/S1470-2045(19)30690-4",
    doi="10.1016/S1470-2045(19)30690-4",
)
ASCO_POST_ENTRECTINIB_2020 = _source(
    "Entrectinib in Advanced ROS1 Fusion-Positive NSCLC",
    "The ASCO Post",
    "https://ascopost.com/news/january-2020/entrectinib-in-advanced-ros1-fusion-positive-nsclc",
)
ESMO_ENTRECTINIB_CHMP_2020 = _source(
    "EMA Recommends Granting a Conditional Marketing Authorisation for Entrectinib",
    "European Society for Medical Oncology (ESMO)",
    "https://www.esmo.org/oncology-news/"
    "ema-recommends-granting-a-conditional-marketing-authorisation-for-entrectinib",
)
EMA_ENTRECTINIB_REVIEW = _source(
    "The European Medicines Agency review of entrectinib for the treatment of adult or "
    "paediatric patients with solid tumours who have a neurotrophic tyrosine receptor kinase "
    "gene fusions and adult patients with non-small-cell lung cancer harbouring ROS1 "
    "rearrangements",
    "ESMO Open",
    "https://www.aminer.cn/pub/619bbbd41c45e57ce97db612/"
    "the-european-medicines-agency-review-of-entrectinib-for-the-treatment-of-adult",
)

# Repotrectinib.
FDA_SUMMARY_REPOTRECTINIB = _source(
    "FDA Approval Summary: Repotrectinib for Locally Advanced or Metastatic ROS1-Positive "
    "Non-Small Cell Lung Cancer",
    "Clinical Cancer Research",
    "https://aacrjournals.org/clincancerres/article-abstract/doi/10.1158/1078-0432.CCR-24-0949/"
    "746394/FDA-Approval-Summary-Repotrectinib-for-Locally",
    doi="10.1158/1078-0432.CCR-24-0949",
)
ONS_REPOTRECTINIB_2023 = _source(
    "FDA Approves Repotrectinib for ROS1-Positive Non-Small Cell Lung Cancer",
    "ONS Voice (Oncology Nursing Society)",
    "https://voice.ons.org/news-and-views/"
    "fda-approves-repotrectinib-for-ros1-positive-non-small-cell-lung-cancer",
)
NEJM_REPOTRECTINIB_2024 = _source(
    "Repotrectinib in ROS1 Fusion-Positive Non-Small-Cell Lung Cancer",
    "New England Journal of Medicine",
    "https://doi.org/10.1056/NEJMoa2302299",
    doi="10.1056/NEJMoa2302299",
)
FDA_REPOTRECTINIB_NTRK_2024 = _source(
    "FDA grants accelerated approval to repotrectinib for adult and pediatric patients with "
    "NTRK gene fusion-positive solid tumors",
    "US Food and Drug Administration",
    "https://www.fda.gov/drugs/resources-information-approved-drugs/"
    "fda-grants-accelerated-approval-repotrectinib-adult-and-pediatric-patients-ntrk-gene-"
    "fusion-positive",
    published_on=date(2024, 6, 13),
)
AUGTYRO_US_LABEL = _source(
    "Augtyro: indications and dosage (US prescribing information, 2024)",
    "RxReasoner (from the US label)",
    "https://rxreasoner.com/monographs/augtyro/usage",
)
AUGTYRO_EU_DOSAGE = _source(
    "Repotrectinib for ROS1-positive advanced NSCLC: dosage (EU product information)",
    "RxReasoner (from the EU product information)",
    "https://rxreasoner.com/indications/I-658899",
)
AUGTYRO_EU_WARNINGS = _source(
    "Augtyro capsules: special warnings and precautions (EU product information, 2025)",
    "RxReasoner (from the European Medicines Agency)",
    "https://rxreasoner.com/monographs/augtyro-cap/precautions",
)
AUGTYRO_COVERAGE = _source(
    "AUGTYRO (repotrectinib) prior authorization criteria",
    "Western Health Advantage",
    "https://westernhealth.com/provider/prior-authorization-criteria/augtyro-repotrectinib",
)
REPOTRECTINIB_INTERACTIONS = _source(
    "Repotrectinib interactions (from the US label, November 2023)",
    "laoslucius.com",
    "https://m.laoslucius.com/repotrectinib/interactions",
)

# Lorlatinib.
LANCET_ONC_LORLATINIB_2019 = _source(
    "Lorlatinib in advanced ROS1-positive non-small-cell lung cancer: a multicentre, "
    "open-label, single-arm, phase 1-2 trial",
    "The Lancet Oncology (abstract at theMednet)",
    "https://themednet.org/publications/lorlatinib-in-advanced-ros1-positive-non-small-cell-"
    "lung-cancer-a-multicentre-open-label-single-arm-phase-1-2-trial",
    published_on=date(2019, 10, 25),
)
KILLOCK_LORLATINIB = _source(
    "Lorlatinib in ROS1-positive NSCLC (research highlight by David Killock)",
    "Nature Reviews Clinical Oncology (copy read at co-1686inhibitor.com)",
    "https://co-1686inhibitor.com/rnf43/pf-6463922/",
)

# Taletrectinib.
AACR_TALETRECTINIB_2025 = _source(
    "New ROS1 Inhibitor Approved for Lung Cancer",
    "American Association for Cancer Research (AACR)",
    "https://www.aacr.org/patients-caregivers/progress-against-cancer/"
    "new-ros1-inhibitor-approved-for-lung-cancer",
)
ONCOLOGYTUBE_TALETRECTINIB_2025 = _source(
    "FDA Approves Taletrectinib for ROS1-Positive NSCLC",
    "OncologyTube",
    "https://oncologytube.com/fda-approves-taletrectinib-for-ros1-positive-nsclc",
)
LCT_TALETRECTINIB_2025 = _source(
    "FDA Grants Approval of Taletrectinib for ROS1-Positive NSCLC",
    "Lung Cancers Today",
    "https://www.lungcancerstoday.com/post/fda-grants-approval-of-taletrectinib-for-ros1-"
    "positive-nsclc",
)
TARGETEDONC_TALETRECTINIB_JCO = _source(
    "Taletrectinib Data Published as FDA Weighs Approval for ROS1+ NSCLC",
    "Targeted Oncology",
    "https://www.targetedonc.com/view/taletrectinib-data-published-as-fda-weighs-approval-for-"
    "ros1-nsclc",
)
AJMC_NCCN_TALETRECTINIB_2025 = _source(
    "Taletrectinib Recommended in NCCN Guidelines for ROS1-Positive NSCLC",
    "The American Journal of Managed Care (AJMC)",
    "https://www.ajmc.com/view/taletrectinib-recommended-in-nccn-guidelines-for-ros1-positive-"
    "nsclc",
)
IBTROZI_DOSAGE = _source(
    "Ibtrozi Dosage",
    "Drugs.com (from the US label)",
    "https://www.drugs.com/dosage/ibtrozi.html",
)
MAYO_TALETRECTINIB = _source(
    "Taletrectinib (oral route): description and brand names",
    "Mayo Clinic",
    "https://www.mayoclinic.org/drugs-supplements/taletrectinib-oral-route/description/"
    "drg-80007473",
)
TRUST3_TRIAL = _source(
    "A Phase 3 Multicenter Open-label Study of Taletrectinib Versus a Standard of Care "
    "ROS1-Tyrosine Kinase Inhibitor (Crizotinib) in TKI-Naive Patients With ROS1-Positive "
    "Locally Advanced or Metastatic Non-Small Cell Lung Cancer (TRUST-III)",
    "MediFind (clinical trial listing)",
    "https://www.medifind.com/conditions/lung-cancer---non-small-cell/3820/clinical-trial/"
    "528838536",
)

# Zidesamtinib (NVL-520).
ONCOKB_NEWS_2026_08 = _source(
    "OncoKB News, August 2026 (NewsContent082026.md)",
    "OncoKB (oncokb/oncokb-public on GitHub)",
    "https://github.com/oncokb/oncokb-public/blob/64281f6211ca0ffe4a1845e9909f7fe83108ad46/"
    "src/main/webapp/app/pages/newsPage/markdown/NewsContent082026.md",
)
TARGETEDONC_ZIDESAMTINIB_NDA = _source(
    "FDA Accepts NDA for Zidesamtinib in Advanced ROS1+ NSCLC",
    "Targeted Oncology",
    "https://join.targetedonc.com/view/fda-accepts-nda-for-zidesamtinib-in-advanced-ros1-nsclc",
    published_on=date(2025, 11, 20),
)
ONCLIVE_ZIDESAMTINIB_NDA = _source(
    "FDA Accepts NDA for Zidesamtinib in ROS1+ Advanced NSCLC After a Prior TKI",
    "OncLive",
    "https://www.onclive.com/view/fda-accepts-nda-for-zidesamtinib-in-ros1-advanced-nsclc-"
    "after-a-prior-tki",
)
CURE_ZIDESAMTINIB_NDA = _source(
    "FDA Accepts NDA for Zidesamtinib in Previously Treated ROS1+ NSCLC",
    "CURE",
    "https://www.curetoday.com/view/fda-accepts-nda-for-zidesamtinib-in-previously-treated-"
    "ros1-nsclc",
)

# Ensartinib.
JNCCN360_ENSARTINIB_2024 = _source(
    "FDA Approval: ALK Inhibitor Ensartinib for ALK-Positive Locally Advanced or Metastatic NSCLC",
    "JNCCN 360 (National Comprehensive Cancer Network)",
    "https://jnccn360.org/non-small-cell-lung-cancer/news/fda-approval-alk-inhibitor-"
    "ensartinib-for-alk-positive-locally-advanced-or-metastatic-nsclc",
    published_on=date(2024, 12, 20),
)

# Living with ROS1+ cancer.
CSC_COPING_SIDE_EFFECTS = _source(
    "Coping with Side Effects of Lung Cancer Treatment",
    "Cancer Support Community",
    "https://www.cancersupportcommunity.org/article/coping-side-effects-lung-cancer-treatment",
)
PATIENT_RESOURCE_SIDE_EFFECTS = _source(
    "Lung Cancer: Plan Ahead For Managing Potential Side Effects",
    "Patient Resource",
    "https://www.patientresource.com/Lung_Cancer_Side_Effects.aspx",
)
CRAWFORD_SIDE_EFFECTS = _source(
    "Precision Therapies for Non-Small Cell Lung Cancer: Side Effects and Patient Education",
    "Expert Perspectives",
    "https://www.expertperspectives.com/Oncology/Non-Small%20Cell%20Lung%20Cancer/"
    "precision-therapies-for-non-small-cell-lung-cancer-side-effects-and-patient-educ",
)
ROS1DERS_ENGAGED_PATIENT = _source(
    "The Importance of Being an Engaged Patient with a Rare Cancer",
    "The ROS1ders",
    "https://www.theros1ders.org/post/the-importance-of-being-an-engaged-patient-with-a-rare-"
    "cancer",
)
VICKERS_ROS1DERS = _source(
    "ROS1ders Cancer Charity drop-in session",
    "Office of Martin Vickers MP",
    "https://www.martinvickers.org.uk/news/ros1ders-cancer-charity-drop-session",
)

# When to contact the care team about a bad week (issue 14), read on 3 December 2026.
CANCERNET_WHEN_TO_CALL = _source(
    "When to Call the Doctor During Cancer Treatment (approved by the Cancer.Net "
    "Editorial Board, 08/2020)",
    "Cancer.Net (American Society of Clinical Oncology)",
    "https://www.cancer.net/navigating-cancer-care/how-cancer-treated/"
    "when-call-doctor-during-cancer-treatment",
    checked_on=CHECKED_CHECKIN,
)
LEEDS_UNWELL_AFTER_TREATMENT = _source(
    "Unwell after treatment",
    "Leeds Cancer Centre, Leeds Teaching Hospitals NHS Trust",
    "https://leedsth.nhs.uk/services/leeds-cancer-centre/diagnostic-treatment-services/"
    "chemotherapy-and-immunotherapy/unwell-after-treatment",
    checked_on=CHECKED_CHECKIN,
)
CLATTERBRIDGE_URGENT_CARE = _source(
    "Urgent and emergency cancer care",
    "The Clatterbridge Cancer Centre NHS Foundation Trust",
    "https://www.clatterbridgecc.nhs.uk/patients-and-visitors/our-services/"
    "urgent-and-emergency-cancer-care",
    checked_on=CHECKED_CHECKIN,
)
ROYAL_SURREY_HOTLINE = _source(
    "Oncology Treatment Hotline",
    "Royal Surrey NHS Foundation Trust",
    "https://royalsurrey.nhs.uk/cc-treatment-hotline",
    checked_on=CHECKED_CHECKIN,
)
NICE_UNWELL_DURING_TREATMENT = _source(
    "Neutropenic sepsis (CG151), information for the public: if you become unwell during "
    "your anticancer treatment",
    "NICE",
    "https://www.nice.org.uk/guidance/cg151/ifp/chapter/"
    "If-you-become-unwell-during-your-anticancer-treatment",
    checked_on=CHECKED_CHECKIN,
)
BASCH_JAMA_2017 = _source(
    "Overall Survival Results of a Trial Assessing Patient-Reported Outcomes for Symptom "
    "Monitoring During Routine Cancer Treatment",
    "JAMA",
    "https://jamanetwork.com/journals/jama/fullarticle/2630810",
    doi="10.1001/jama.2017.7156",
    pmid="28586821",
    published_on=date(2017, 7, 11),
    checked_on=CHECKED_CHECKIN,
)
NCI_PRO_CTCAE_FAQ = _source(
    "PRO-CTCAE: Frequently Asked Questions",
    "US National Cancer Institute",
    "https://healthcaredelivery.cancer.gov/pro-ctcae/faqs.html",
    checked_on=CHECKED_CHECKIN,
)


# Topics and their sections: first the seed page's, in its order, then the new ones.
TOPICS: list[dict] = [
    {
        "slug": "faq",
        "title": "Frequently asked questions",
        "summary": (
            "Short answers about ROS1 targeted pills (TKIs): what they are, how well they "
            "work, what the scan results mean, and what happens when a TKI stops working."
        ),
        "sections": [
            {
                "slug": "ros1-specialists",
                "title": "Getting advice from a ROS1 specialist",
                "body": md(
                    """
                    Many doctors have never met a patient with ROS1-positive (ROS1+)
                    cancer.

                    A **ROS1 specialist** is a cancer doctor with a lot of experience of
                    ROS1+ cancer. Some of them also do research on it. You may hear them
                    called *ROS1 clinicians* or *ROS1 clinician-researchers*.

                    If you are not sure what the best next step in your treatment is,
                    you can ask to be treated by a ROS1 specialist. Or you can ask one
                    for a **second opinion**: another doctor looks at your case and
                    tells you what they think.
                    """
                ),
                "drugs": [],
                "sources": [cite(SEED_SOURCE, "Why and how to seek a ROS1 specialist")],
            },
            {
                "slug": "what-is-a-tki",
                "title": "What is a TKI (targeted therapy)?",
                "body": md(
                    """
                    A **targeted therapy** is a medicine aimed at the cancer cells. For
                    ROS1+ cancer it is a pill or capsule that you swallow.

                    - It acts on the ROS1 cancer cells and hardly touches healthy cells.
                    - **Chemotherapy** is different. It hits every cell that grows fast,
                      whether it is a cancer cell or a healthy one, such as the cells in
                      hair roots and in the lining of the gut. This is why chemotherapy
                      usually causes more side effects than targeted therapy.

                    Many people with ROS1+ cancer lead a fairly normal life on a targeted
                    pill. Some have kept their cancer well under control this way for
                    many years.

                    **Why are they called TKIs?** TKI is short for *tyrosine kinase
                    inhibitor*. A tyrosine kinase is one kind of protein in our cells,
                    and the ROS1 protein is one of them. The targeted drugs for ROS1+
                    cancer work by blocking (inhibiting) ROS1, which is why they are
                    known as TKIs.
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(SEED_SOURCE, "What a ROS1 targeted therapy is, versus chemotherapy"),
                ],
            },
            {
                "slug": "how-well-do-tkis-work",
                "title": "How well do TKIs work?",
                "body": md(
                    """
                    In clinical trials (research studies in patients), ROS1 TKIs shrank
                    the cancer in most people who had not had a TKI before. Doctors call
                    this a **response**: the tumours shrink by a clear amount on scans.

                    - Crizotinib: about 7 in 10 people (72 in 100).
                    - Entrectinib: about 8 in 10 people (77 in 100).
                    - Repotrectinib: about 8 in 10 people (79 in 100).
                    - Taletrectinib: about 9 in 10 people (85 to 90 in 100).

                    So about 7 to 9 people in every 10 respond to their first ROS1 TKI.
                    Each trial tested one drug on its own. So the numbers are not a
                    direct comparison between the drugs.

                    A TKI works less often after another TKI has stopped working. After
                    one earlier TKI, repotrectinib worked in about 4 in 10 people, and
                    taletrectinib in about 5 or 6 in 10.

                    No one can say in advance how it will go for you, because every
                    person's cancer is different:

                    - For some people, a TKI keeps the cancer under control for years.
                      Some even see their tumours vanish completely.
                    - For others, the TKI works for only a few months.
                    - For some, the TKI does not work at all.
                    - Some people have to stop their TKI because of serious side effects.

                    Not every ROS1 TKI works well against cancer in the brain.
                    """
                ),
                "drugs": ["crizotinib", "entrectinib", "repotrectinib", "taletrectinib"],
                "sources": [
                    cite(SEED_SOURCE, "How much the benefit of a TKI varies from person to person"),
                    cite(NEJM_CRIZOTINIB_2014, "Crizotinib's response rate of 72%"),
                    cite(ASCO_POST_ENTRECTINIB_2020, "Entrectinib's response rate of 77%"),
                    cite(
                        FDA_SUMMARY_REPOTRECTINIB,
                        "Repotrectinib's response rates (79% first TKI, 38% after one TKI) "
                        "in a single-arm trial",
                    ),
                    cite(
                        AACR_TALETRECTINIB_2025,
                        "Taletrectinib's response rates (85-90% first TKI, 52-62% after one "
                        "TKI) in single-arm trials",
                    ),
                ],
            },
            {
                "slug": "who-should-take-a-tki",
                "title": "Who can take a ROS1 TKI?",
                "body": md(
                    """
                    ROS1 TKIs are approved for ROS1+ non-small cell lung cancer (NSCLC)
                    that is **advanced**. What that covers depends on the drug:

                    - **Metastatic** means the cancer has spread from the first tumour
                      to other organs. It is also called stage 4 or stage IV. In the
                      USA, crizotinib and entrectinib are approved for metastatic ROS1+
                      NSCLC.
                    - **Locally advanced** means the cancer has grown or spread within
                      the chest, but not to far-off organs. Some stage 3 cancers are
                      locally advanced. In the USA, repotrectinib and taletrectinib are
                      approved for ROS1+ NSCLC that is locally advanced or metastatic.

                    **If your cancer is at stage 1, 2 or 3:** it depends on whether
                    treatment that aims to cure you is possible. A TKI can hold cancer
                    back, but it cannot cure it. Some early-stage treatments do cure
                    some people.

                    - If such treatment is possible, you get the same treatment as
                      anyone else with your type and stage of cancer, whichever gene
                      change drives it. In some countries, a ROS1 TKI is given once that
                      treatment, which aims to cure, is finished.
                    - If it is not possible, a TKI approved for locally advanced cancer
                      may be a choice.

                    Doctors are still studying TKIs for cancer that has not spread. Ask
                    your doctor what this means for you.

                    **If your ROS1+ cancer started outside the lungs** (for example a
                    melanoma, a type of skin cancer): people like you have also
                    responded to ROS1 TKIs. But no ROS1 TKI is approved for ROS1+
                    cancers other than NSCLC. Two of them, entrectinib and
                    repotrectinib, are also approved in the USA for a different gene
                    change, an **NTRK fusion**. That approval covers solid tumours
                    wherever in the body they started.
                    """
                ),
                "drugs": ["crizotinib", "entrectinib", "repotrectinib", "taletrectinib"],
                "sources": [
                    cite(
                        SEED_SOURCE,
                        "Early-stage cancer gets standard treatment that aims to cure; ROS1+ "
                        "cancers outside the lung have responded to TKIs",
                    ),
                    cite(PFIZER_XALKORI_DOSING, "Crizotinib's US use: metastatic ROS1+ NSCLC"),
                    cite(
                        ROZLYTREK_US_LABEL,
                        "Entrectinib's US labels: metastatic ROS1+ NSCLC, "
                        "and NTRK-fusion solid tumours",
                    ),
                    cite(
                        FDA_SUMMARY_REPOTRECTINIB,
                        "Repotrectinib is approved for locally advanced or metastatic ROS1+ NSCLC",
                    ),
                    cite(
                        ONCOLOGYTUBE_TALETRECTINIB_2025,
                        "Taletrectinib is approved for locally advanced or metastatic ROS1+ NSCLC",
                    ),
                    cite(
                        MAYO_TALETRECTINIB,
                        "Plain meaning of locally advanced: spread within the chest",
                    ),
                    cite(
                        FDA_REPOTRECTINIB_NTRK_2024,
                        "Repotrectinib's approval for NTRK-fusion solid tumours",
                    ),
                    cite(
                        BOULANGER_REVIEW,
                        "Evidence for TKIs in non-metastatic ROS1+ NSCLC is still evolving",
                    ),
                ],
            },
            {
                "slug": "how-do-i-know-it-works",
                "title": "How will I know if my TKI is working?",
                "body": md(
                    """
                    Your doctor will usually arrange a **CT scan** about 2 to 3 months
                    after you start the TKI. A CT scan uses X-rays and a computer to make
                    detailed pictures of the inside of your body.

                    - If the TKI is working, your doctor will see the tumours clearly
                      shrink on that first scan.
                    - For most people, the shrinking slows down after a few months.
                    - Some people see every tumour disappear. If this does not happen to
                      you, it is not a reason to worry.
                    - The tumours may go on shrinking slowly for months. Or the cancer
                      may stay the same size. This is called **stable** disease, and it
                      means the cancer is not growing.
                    """
                ),
                "drugs": [],
                "sources": [cite(SEED_SOURCE, "When the first scan is done and what it shows")],
            },
            {
                "slug": "can-a-tki-cure",
                "title": "Can a TKI cure metastatic cancer?",
                "body": md(
                    """
                    Sadly, no.

                    A TKI holds the cancer back only for as long as you keep taking it.
                    It can control the cancer and shrink it. But it cannot kill every
                    last cancer cell, so it cannot cure the cancer. If you stop taking
                    the drug, the cancer can start to grow again.
                    """
                ),
                "drugs": [],
                "sources": [cite(SEED_SOURCE, "A TKI controls but does not cure the cancer")],
            },
            {
                "slug": "cancer-free-and-ned",
                "title": "Can I be cancer-free on a TKI? What NED means",
                "body": md(
                    """
                    The simple answer is no. The more exact answer is: nobody can tell.

                    Sometimes the scans show no sign of cancer at all while someone takes
                    a TKI. This is called a **complete response**. ROS1 specialists then
                    say the person has **NED**, short for *No Evidence of Disease*. NED
                    means that today's tests cannot find any cancer. It does not prove
                    the cancer is gone: tiny cancer cells, too small to see, may still
                    be hiding in the body.

                    In most people with metastatic ROS1+ cancer, the cancer comes back.
                    Even a few living cancer cells can pick up new gene changes
                    (**mutations**), and these can make the cancer resistant to the TKI.
                    This is called acquired resistance (see the next question).

                    **Why scans and blood tests can miss cancer**

                    - A **PET scan** (positron emission tomography) lights up where cells
                      take in unusually large amounts of sugar (glucose). Cancer cells
                      held back by a TKI no longer do this. So a PET scan may show no
                      cancer activity even when a **CT scan** still shows a tumour.
                    - A **liquid biopsy** is a blood test that looks for pieces of tumour
                      DNA in the blood, called **ctDNA** (circulating tumour DNA). ROS1+
                      cancer cells held back by a TKI tend to release less of it. So a
                      liquid biopsy may find no ROS1+ cancer even though some is still
                      there.
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(
                        SEED_SOURCE,
                        "What NED means, and why PET scans and liquid biopsies can miss cancer",
                    ),
                ],
            },
            {
                "slug": "acquired-resistance",
                "title": "What is acquired resistance, and what can be done?",
                "body": md(
                    """
                    **What it is.** For most people, the TKI stops working at some point
                    and the cancer starts to grow again. This may take months, or years.
                    When a TKI holds the cancer back less well than before, or not at
                    all, the cancer has become **resistant** to it. Because this happens
                    during treatment, it is called **acquired resistance**.

                    - Sometimes the cancer still depends on ROS1 to grow. Then a
                      different ROS1 TKI may work.
                    - In more than half of people with ROS1+ cancer, the cancer finds
                      another way to grow. The TKI still blocks ROS1, but the cancer
                      grows anyway.

                    Doctors cannot always find out what caused the resistance.

                    **How it is found.** Every case is different, and doctors weigh many
                    things before choosing the next treatment. It can help to take a
                    sample (**biopsy**) of the growing tumour and test its genes, to see
                    what is driving the cancer now. This is not always possible. For
                    example, the tumour may be in a place where a biopsy is not safe, it
                    may be too small to sample, or the sample may hold no cancer cells.

                    Sometimes a **liquid biopsy** (a blood test) can find a mutation that
                    causes resistance. Your health system or insurer may not pay for it.
                    If so, the company that makes the test may be able to help with the
                    cost.

                    **How it is treated.**

                    - If the cancer is growing in only a small area, you may be able to
                      keep taking the same TKI. The growing area is then treated with
                      precisely aimed radiation, or even surgery.
                    - If the cause is a known change in ROS1 that stops TKIs working,
                      moving to a different ROS1 TKI may help. One such change is
                      called G2032R (see "The G2032R mutation").
                    - If the cause lies outside ROS1 (in another *signalling pathway*,
                      another route a cell uses to tell itself to grow), the options
                      include adding chemotherapy to the TKI (experts do not all agree on
                      this), taking two different TKIs together, a combination of
                      chemotherapy drugs, or a clinical trial.
                    - ROS1 specialists generally agree that immunotherapy should be
                      considered only once every other option has been used up.
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(SEED_SOURCE, "What acquired resistance is, how it is found and treated"),
                    cite(
                        LIN_RESISTANCE_CCR_2021,
                        "G2032R is the most common ROS1 resistance mutation",
                    ),
                ],
            },
            {
                "slug": "no-access-to-a-tki",
                "title": "What if I cannot get a ROS1 TKI?",
                "body": md(
                    """
                    A ROS1 TKI may not be approved where you live, or your doctor may be
                    unable to prescribe one. There are still options.

                    - **Chemotherapy.** Some chemotherapy drugs, alone or together, also
                      work against ROS1+ cancer. Pemetrexed (Alimta) given with
                      carboplatin seems to work against many ROS1+ cancers.
                    - **A clinical trial** may give you a ROS1 TKI.
                    - **Compassionate access** is a special route to a medicine that is
                      not approved for you.

                    Ask your doctor about these options.
                    """
                ),
                "drugs": ["pemetrexed", "carboplatin"],
                "sources": [
                    cite(
                        SEED_SOURCE,
                        "Chemotherapy, trials and compassionate access when no TKI is available",
                    )
                ],
            },
            {
                "slug": "treatment-guidelines",
                "title": "Where can I find treatment guidelines?",
                "body": md(
                    """
                    Treatment guidelines are expert advice on how to treat each kind of
                    cancer. These groups publish them:

                    - **NCCN** (National Comprehensive Cancer Network) is a not-for-profit
                      group of leading cancer centres in the USA. It works on patient
                      care, research and education, and writes guidelines both for
                      professionals and for patients. Go to the
                      [NCCN guidelines page](https://www.nccn.org/guidelines/category_1)
                      and choose your type of cancer. To read the guidelines for
                      professionals, you need to make a free account.
                    - **ESMO** (European Society for Medical Oncology) sets out to teach
                      doctors, patients and the public about the best care and the newest
                      advances in cancer medicine. It publishes guidelines for many
                      cancers.
                    - **ASCO** (American Society of Clinical Oncology) is the main
                      organisation for cancer doctors in North America. You can search
                      its website for guidelines on many cancers. One of them covers the
                      treatment of stage 4 NSCLC that is driven by a gene change (a
                      *driver alteration*).
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(NCCN_SOURCE, "Where to find the NCCN guidelines"),
                    cite(SEED_SOURCE, "Who NCCN, ESMO and ASCO are and what they publish"),
                ],
            },
            {
                "slug": "tki-vs-gene-therapy",
                "title": "Is a TKI a kind of gene therapy?",
                "body": md(
                    """
                    No. **Gene therapy** changes a faulty gene back to normal by changing
                    its DNA. A TKI is not made to change your genes or your DNA in any
                    way. It blocks a protein.
                    """
                ),
                "drugs": [],
                "sources": [cite(SEED_SOURCE, "A TKI does not change genes or DNA")],
            },
        ],
    },
    {
        "slug": "ask-your-oncologist",
        "title": "What to ask your oncologist",
        "summary": (
            "Questions to take to your cancer doctor (oncologist), whether you have just been "
            "diagnosed or your cancer has grown again. They help you get the facts you need "
            "to make choices about your care."
        ),
        "sections": [
            {
                "slug": "newly-diagnosed",
                "title": "If you have just been diagnosed",
                "body": md(
                    """
                    When you first learn that you have ROS1+ cancer, it can be hard to
                    know what to ask. These questions can help you understand your
                    treatment options and decide what is right for you.
                    """
                ),
                "drugs": [],
                "sources": [cite(SEED_SOURCE, "The questions for people just diagnosed")],
            },
            {
                "slug": "after-progression",
                "title": "If your cancer has grown again",
                "body": md(
                    """
                    When cancer grows or spreads during treatment, doctors call it
                    **progression**. If this has happened to you, these questions are
                    worth asking too, as well as the ones for people who have just been
                    diagnosed.
                    """
                ),
                "drugs": [],
                "sources": [cite(SEED_SOURCE, "The questions for people whose cancer has grown")],
            },
        ],
    },
    {
        "slug": "current-treatments",
        "title": "Current treatments for ROS1+ cancer",
        "summary": (
            "Targeted therapy is a newer kind of cancer treatment. It works better than "
            "standard chemotherapy and causes fewer side effects. In many countries it is now "
            "the standard treatment for ROS1+ non-small cell lung cancer (NSCLC) that has "
            "spread (stage 4)."
        ),
        "sections": [
            {
                "slug": "immunotherapy-warning",
                "title": "Important: immunotherapy on its own is not advised",
                "body": md(
                    """
                    **Immunotherapy** is a kind of drug that helps your immune system
                    attack cancer. One type is called an **immune checkpoint
                    inhibitor**. Examples are Opdivo (nivolumab) and Keytruda
                    (pembrolizumab).

                    Doctors who have treated many people with ROS1+ cancer advise
                    against giving one of these drugs **on its own** for ROS1+ cancer:

                    - Used alone, they often do not work against ROS1+ cancer.
                    - Their side effects can sometimes make it impossible to take a TKI
                      as your next treatment.

                    One lung cancer expert advises starting with a ROS1 TKI instead, and
                    keeping on with it for as long as it works.
                    """
                ),
                "drugs": ["nivolumab", "pembrolizumab"],
                "sources": [
                    cite(
                        SEED_SOURCE,
                        "ROS1 specialists advise against checkpoint inhibitors used alone",
                    ),
                    cite(
                        LCFA_ROS1_TREATMENT,
                        "People with ROS1+ cancer are less likely to "
                        "benefit from immunotherapy; start with a ROS1 TKI",
                    ),
                ],
            },
            {
                "slug": "no-drug-holidays",
                "title": "Important: do not take breaks from your TKI",
                "body": md(
                    """
                    A **drug holiday** is a break from your cancer medicine. Most ROS1
                    specialists advise against drug holidays while your TKI is working
                    and you are coping well with it.

                    - A TKI only holds ROS1+ cancer back; it does not get rid of it.
                    - Most TKIs stay in your body for several days. So people who have
                      to pause for a few days, for example around an operation, rarely
                      see their cancer grow.
                    - A longer break leaves the cancer free to start growing again.

                    Some clinical trials are looking into this question.
                    """
                ),
                "drugs": [],
                "sources": [cite(SEED_SOURCE, "Why specialists advise against drug holidays")],
            },
            {
                "slug": "first-line-early-stage",
                "title": "First treatment: cancer at stages 1 to 3",
                "body": md(
                    """
                    **First-line treatment** is the first treatment you get for your
                    cancer.

                    If your ROS1+ cancer is at stage 1, 2 or 3, the first question is
                    whether it can be treated with the aim of curing it.

                    - **If it can**, you get the same first treatment as anyone else
                      with your type of cancer (lung, pancreas and so on). These
                      treatments aim to cure the cancer. Targeted therapy cannot cure
                      cancer.
                    - **If it cannot**, a stage 3 lung cancer may count as **locally
                      advanced**: grown or spread within the chest. In the USA,
                      repotrectinib and taletrectinib are approved for locally advanced
                      ROS1+ NSCLC. So one of them may be a choice for you.

                    Doctors are still learning how best to use TKIs before the cancer
                    has spread. Ask your doctor what this means for you.
                    """
                ),
                "drugs": ["repotrectinib", "taletrectinib"],
                "sources": [
                    cite(
                        SEED_SOURCE, "Early-stage cancer gets standard treatment that aims to cure"
                    ),
                    cite(
                        FDA_SUMMARY_REPOTRECTINIB,
                        "Repotrectinib's approval covers locally advanced ROS1+ NSCLC",
                    ),
                    cite(
                        ONCOLOGYTUBE_TALETRECTINIB_2025,
                        "Taletrectinib's approval covers locally advanced ROS1+ NSCLC",
                    ),
                    cite(MAYO_TALETRECTINIB, "Plain meaning of locally advanced"),
                    cite(
                        BOULANGER_REVIEW,
                        "Evidence for treating earlier-stage ROS1+ NSCLC is still evolving",
                    ),
                ],
            },
            {
                "slug": "first-line-metastatic",
                "title": "First treatment: metastatic cancer (stage 4)",
                "body": md(
                    """
                    If your ROS1+ non-small cell lung cancer (NSCLC) has spread to other
                    organs (stage 4), a ROS1 TKI is the preferred first treatment. Many
                    countries have approved these drugs. They work better than
                    chemotherapy and usually cause fewer side effects.

                    **Which TKI?** That depends on:

                    - which drugs you can get in your country or at your clinic, and
                    - your other health problems, because each drug has different side
                      effects.

                    **ROS1+ cancer outside the lungs.** ROS1+ cancer has been found in
                    many cancers that began outside the lungs. People with these cancers
                    have responded to ROS1 TKIs. But no ROS1 TKI is approved for ROS1+
                    cancers other than NSCLC. If your metastatic ROS1+ cancer is another
                    type, you may still get a TKI:

                    - **off-label**: your doctor prescribes a drug that is approved in
                      your country for another use. For example, entrectinib and
                      repotrectinib are approved in the USA for solid tumours with an
                      NTRK fusion (another gene change),
                    - through a clinical trial, or
                    - through **compassionate use**, a special route to a medicine that
                      is not approved for you.

                    **If no ROS1 TKI is open to you**, some chemotherapy can work against
                    ROS1+ cancer, above all pemetrexed alone or pemetrexed with
                    carboplatin.
                    """
                ),
                "drugs": ["pemetrexed", "carboplatin", "entrectinib", "repotrectinib"],
                "sources": [
                    cite(
                        SEED_SOURCE,
                        "TKIs as preferred first treatment, off-label use, chemotherapy options",
                    ),
                    cite(
                        GENENTECH_ROZLYTREK_2019,
                        "Entrectinib's approval for NTRK-fusion solid tumours",
                    ),
                    cite(
                        FDA_REPOTRECTINIB_NTRK_2024,
                        "Repotrectinib's approval for NTRK-fusion solid tumours",
                    ),
                ],
            },
            {
                "slug": "first-line-tkis",
                "title": "ROS1 TKIs used as a first treatment",
                "body": md(
                    """
                    These TKIs are used as the first treatment for advanced ROS1+ NSCLC.
                    The **FDA** (US Food and Drug Administration) is the US agency that
                    approves medicines. The **NCCN** writes US treatment guidelines.
                    Each drug has its own part below.

                    - **Crizotinib (Xalkori):** FDA-approved in March 2016. Does not
                      work well in the brain.
                    - **Entrectinib (Rozlytrek):** FDA-approved in August 2019. Works in
                      the brain.
                    - **Repotrectinib (Augtyro):** FDA-approved in November 2023. Works
                      in the brain.
                    - **Taletrectinib (Ibtrozi):** FDA-approved in June 2025. Works in
                      the brain. The NCCN made it a preferred first treatment that same
                      month.
                    - **Ceritinib (Zykadia):** not FDA-approved for ROS1+ cancer, used
                      off-label. Works in the brain.
                    - **Lorlatinib (Lorbrena):** not FDA-approved for ROS1+ cancer.
                      Works especially well in the brain.

                    Experts now tend to prefer the newer TKIs that reach the brain as a
                    first choice. The right one for you also depends on its side
                    effects, your health, and what you can get.
                    """
                ),
                "drugs": [
                    "crizotinib",
                    "entrectinib",
                    "repotrectinib",
                    "taletrectinib",
                    "ceritinib",
                    "lorlatinib",
                ],
                "sources": [
                    cite(
                        SEED_SOURCE,
                        "Approval dates of crizotinib, entrectinib and "
                        "repotrectinib; ceritinib and lorlatinib",
                    ),
                    cite(
                        ONCOLOGYTUBE_TALETRECTINIB_2025,
                        "Taletrectinib's FDA approval on 11 June 2025",
                    ),
                    cite(
                        AJMC_NCCN_TALETRECTINIB_2025,
                        "NCCN made taletrectinib a preferred first-line option on 20 June 2025",
                    ),
                    cite(
                        WESPISER_REVIEW_2026,
                        "Brain-penetrant next-generation ROS1 TKIs are preferred first-line",
                    ),
                    cite(BOULANGER_REVIEW, "Choice weighs brain activity, side effects and access"),
                ],
            },
            {
                "slug": "crizotinib",
                "title": "Crizotinib (Xalkori)",
                "body": md(
                    """
                    - The FDA approved crizotinib in **March 2016** for ROS1+ NSCLC that
                      has spread (metastatic). It was the first ROS1 TKI.
                    - In its main trial, the tumours shrank in 72 of every 100 people.
                      For half of them, the cancer did not grow again for at least 19
                      months.
                    - It does not work well against cancer in the brain.
                    - You take it twice a day (see "Taking your ROS1 medicine").
                    """
                ),
                "drugs": ["crizotinib"],
                "sources": [
                    cite(
                        SEED_SOURCE,
                        "Crizotinib's FDA approval in March 2016 and weak brain activity",
                    ),
                    cite(
                        NEJM_CRIZOTINIB_2014,
                        "Response rate 72%, median progression-free survival 19.2 months",
                    ),
                    cite(PFIZER_XALKORI_DOSING, "Twice-daily dosing"),
                ],
            },
            {
                "slug": "entrectinib",
                "title": "Entrectinib (Rozlytrek)",
                "body": md(
                    """
                    - The FDA approved entrectinib in **August 2019** for adults whose
                      ROS1+ NSCLC has spread (metastatic).
                    - In its trials, the tumours shrank in 77 of every 100 people who had
                      not had a ROS1 TKI.
                    - It works against cancer in the brain. Brain tumours shrank in 55 of
                      every 100 people who had them.
                    - US NCCN guidelines list it as a preferred first treatment when the
                      cancer has reached the brain.
                    - It now also comes as **oral pellets**: tiny grains that you take
                      with soft food.
                    - In the European Union it is approved only for people who have not
                      had a ROS1 TKI before.
                    - Its label warns of **heart failure**: in its trials, about 3 in
                      every 100 people got it.
                    """
                ),
                "drugs": ["entrectinib"],
                "sources": [
                    cite(
                        GENENTECH_ROZLYTREK_2019,
                        "FDA approval on 15 August 2019 for adults with metastatic ROS1+ NSCLC",
                    ),
                    cite(
                        ASCO_POST_ENTRECTINIB_2020,
                        "Response rate 77%; brain response 55% (11 of 20)",
                    ),
                    cite(
                        AJMC_NCCN_TALETRECTINIB_2025,
                        "NCCN lists entrectinib as preferred first-line for brain metastases",
                    ),
                    cite(ROZLYTREK_PELLETS_2023, "FDA approval of the oral pellets"),
                    cite(ROZLYTREK_DOSAGE, "Pellets are taken with soft food"),
                    cite(
                        ESMO_ENTRECTINIB_CHMP_2020,
                        "EU use limited to people not previously treated with ROS1 inhibitors",
                    ),
                    cite(ROZLYTREK_WARNINGS, "Heart failure in 3.4% of people in trials"),
                ],
            },
            {
                "slug": "repotrectinib",
                "title": "Repotrectinib (Augtyro)",
                "body": md(
                    """
                    - The FDA approved repotrectinib in **November 2023** for ROS1+ NSCLC
                      that is locally advanced (has grown into nearby tissue) or
                      metastatic. You can take it as your first TKI or after another one.
                    - In people who had not had a ROS1 TKI, the tumours shrank in 79 of
                      every 100. For half of them, the cancer did not grow again for
                      about 3 years (36 months) or more.
                    - After one earlier ROS1 TKI, it worked in 38 of every 100 people.
                    - It works against cancer in the brain.
                    - It also works against several **resistance mutations**: gene
                      changes that can appear while someone takes crizotinib or
                      entrectinib, and that stop those drugs working. One of them is
                      G2032R.
                    - You take it once a day for the first 2 weeks, then twice a day.
                    - Its most common side effects are dizziness, a change in taste, and
                      tingling or numbness.
                    - In June 2024 the FDA also approved it for solid tumours with an
                      NTRK fusion.
                    """
                ),
                "drugs": ["repotrectinib", "crizotinib", "entrectinib"],
                "sources": [
                    cite(
                        FDA_SUMMARY_REPOTRECTINIB,
                        "FDA approval on 15 November 2023; response "
                        "rates; brain responses; common side effects",
                    ),
                    cite(
                        ONS_REPOTRECTINIB_2023,
                        "First FDA approval that also covers people who had a ROS1 TKI before",
                    ),
                    cite(
                        NEJM_REPOTRECTINIB_2024,
                        "Median progression-free survival 35.7 months; G2032R responses; dose ramp",
                    ),
                    cite(
                        SEED_SOURCE,
                        "Works against resistance mutations that follow crizotinib or entrectinib",
                    ),
                    cite(
                        FDA_REPOTRECTINIB_NTRK_2024,
                        "Approval for NTRK-fusion solid tumours on 13 June 2024",
                    ),
                ],
            },
            {
                "slug": "taletrectinib",
                "title": "Taletrectinib (Ibtrozi)",
                "body": md(
                    """
                    - The FDA approved taletrectinib on **11 June 2025** for adults with
                      ROS1+ NSCLC that is locally advanced or metastatic. You can take it
                      as your first TKI or after another one.
                    - In two trials, TRUST-I and TRUST-II, the tumours shrank in 85 to
                      90 of every 100 people who had not had a ROS1 TKI. After one
                      earlier TKI, they shrank in 52 to 62 of every 100.
                    - When both trials were looked at together, half of the people who
                      had not had a TKI went almost 4 years (46 months) or more before
                      the cancer grew again.
                    - It works against cancer in the brain. Brain tumours shrank in about
                      3 in 4 people who had not had a TKI, and in about 2 in 3 who had.
                    - It also works against the G2032R mutation: 8 of 13 people with it
                      responded.
                    - US NCCN guidelines list it as a preferred first treatment, also
                      when the cancer has reached the brain. They list it as a later
                      choice too.
                    - You take it once a day on an empty stomach.
                    - Its label warns of liver damage, lung inflammation, changes in
                      heart rhythm, high uric acid, muscle pain with a raised CPK (a
                      muscle enzyme), broken bones, and harm to an unborn baby.
                    """
                ),
                "drugs": ["taletrectinib"],
                "sources": [
                    cite(
                        ONCOLOGYTUBE_TALETRECTINIB_2025,
                        "FDA approval on 11 June 2025; "
                        "response rates in TRUST-I and TRUST-II; label warnings",
                    ),
                    cite(
                        AACR_TALETRECTINIB_2025,
                        "Approval regardless of earlier TKI treatment; response rates",
                    ),
                    cite(
                        TARGETEDONC_TALETRECTINIB_JCO,
                        "Pooled analysis: median PFS 45.6 "
                        "months; brain responses 76.5% and 65.6%; G2032R 8 of 13",
                    ),
                    cite(
                        AJMC_NCCN_TALETRECTINIB_2025,
                        "NCCN preferred first-line and later option, including brain metastases",
                    ),
                    cite(IBTROZI_DOSAGE, "Once daily on an empty stomach"),
                    cite(LCT_TALETRECTINIB_2025, "Label warnings and precautions"),
                ],
            },
            {
                "slug": "zidesamtinib",
                "title": "Zidesamtinib (once called NVL-520)",
                "body": md(
                    """
                    - Zidesamtinib is the drug that was first known by its research code,
                      NVL-520.
                    - It was tested in the ARROS-1 trial in 117 people whose cancer had
                      grown on at least one ROS1 TKI. The tumours shrank in 44 of every
                      100. After one earlier TKI, it worked in 51 of 100. After two or
                      more, it worked in 38 of 100.
                    - Brain tumours shrank in 48 of every 100 people in this group who
                      had them.
                    - In November 2025 the FDA agreed to review the company's request to
                      approve it for people who have had at least one ROS1 TKI.
                    - OncoKB, a database of cancer medicines, lists it as FDA-approved for
                      ROS1+ NSCLC in its August 2026 news. It links to an FDA notice. We
                      have not checked the exact approved use yet.
                    - It is also being tested in people who have not had a ROS1 TKI.

                    Ask your doctor whether you can get it.
                    """
                ),
                "drugs": ["nvl-520"],
                "sources": [
                    cite(
                        TARGETEDONC_ZIDESAMTINIB_NDA,
                        "Zidesamtinib is NVL-520; NDA accepted; "
                        "44% response and 48% brain response after a TKI",
                    ),
                    cite(
                        ONCLIVE_ZIDESAMTINIB_NDA,
                        "Responses of 51% after one TKI and 38% after two or more",
                    ),
                    cite(CURE_ZIDESAMTINIB_NDA, "The TKI-naive group of ARROS-1 is ongoing"),
                    cite(
                        ONCOKB_NEWS_2026_08,
                        "OncoKB lists zidesamtinib as FDA-approved (Level 1) for ROS1-fusion NSCLC",
                    ),
                ],
            },
            {
                "slug": "ceritinib",
                "title": "Ceritinib (Zykadia)",
                "body": md(
                    """
                    - The FDA has not approved ceritinib for ROS1+ cancer, but doctors
                      can prescribe it **off-label** (for a use it is not approved for).
                    - It works against cancer in the brain.
                    - It works less well against ROS1+ cancer than the other first-line
                      TKIs.
                    - In some countries it is easier to get than crizotinib (Xalkori) or
                      entrectinib (Rozlytrek). It may be a choice if you cannot cope with
                      the side effects of crizotinib, entrectinib or repotrectinib.
                    """
                ),
                "drugs": ["ceritinib", "crizotinib", "entrectinib", "repotrectinib"],
                "sources": [
                    cite(SEED_SOURCE, "Ceritinib's off-label use, brain activity and place")
                ],
            },
            {
                "slug": "lorlatinib",
                "title": "Lorlatinib (Lorbrena)",
                "body": md(
                    """
                    - The FDA has not approved lorlatinib for ROS1+ cancer.
                    - US NCCN guidelines have listed it as a second or third treatment
                      for ROS1+ NSCLC.
                    - In its main trial, the tumours shrank in 62 of every 100 people who
                      had not had a TKI. After crizotinib, they shrank in 35 of 100.
                    - It works especially well in the brain. Brain tumours shrank in 64
                      of every 100 people who had not had a TKI, and in 50 of 100 after
                      crizotinib. So it is sometimes the first treatment when there are
                      many tumours in the brain, or when there is **leptomeningeal
                      disease**: cancer in the meninges, the thin layers that cover the
                      brain and spinal cord.
                    - **It does not work against the G2032R mutation.** In that trial, no
                      one with G2032R had a response. At best, their cancer stopped
                      growing for a while.
                    """
                ),
                "drugs": ["lorlatinib"],
                "sources": [
                    cite(
                        SEED_SOURCE,
                        "Not FDA-approved for ROS1+; NCCN later-line listing; "
                        "used first for brain disease",
                    ),
                    cite(
                        LANCET_ONC_LORLATINIB_2019,
                        "Response rates of 62% (no TKI before) and 35% (after crizotinib)",
                    ),
                    cite(
                        KILLOCK_LORLATINIB,
                        "Brain responses of 64% and 50%; best response "
                        "with G2032R was stable disease",
                    ),
                    cite(PCM_ROS1_CASES, "Lorlatinib has limited potency against G2032R"),
                ],
            },
            {
                "slug": "brain-metastases",
                "title": "If the cancer has spread to your brain",
                "body": md(
                    """
                    **Brain metastases** are tumours in the brain that have spread from
                    the cancer elsewhere in the body. Up to about 1 in 3 people already
                    have them when advanced ROS1+ NSCLC is found. More get them later:
                    about half of people with ROS1+ cancer do. Yet many people whose
                    first treatment was crizotinib, a TKI that does not work well in the
                    brain, never get them.

                    - **Which TKI?** US NCCN guidelines list three TKIs as preferred
                      first treatments when there is cancer in the brain:
                      **entrectinib**, **repotrectinib** and **taletrectinib**.
                    - In trials, brain tumours shrank in about 55 of every 100 people
                      with entrectinib. With taletrectinib they shrank in about 76 of
                      100 people who had not had a TKI before. Brain tumours also shrank
                      with repotrectinib.
                    - Lorlatinib also works well in the brain (see its part above).
                    - Treatment may also include radiation to the brain.
                      **Stereotactic radiation** (also called stereotactic
                      radiosurgery) aims strong, precise beams at the tumours; there
                      is no cutting. **Whole-brain radiation** treats the entire brain.
                      Stereotactic radiation is usually preferred, but this differs
                      between health systems.
                    - You may not need brain radiation at all if you can get a TKI that
                      works in the brain.

                    Ask an oncologist who knows ROS1 TKIs well how best to treat your
                    brain metastases.
                    """
                ),
                "drugs": [
                    "crizotinib",
                    "entrectinib",
                    "repotrectinib",
                    "taletrectinib",
                    "lorlatinib",
                ],
                "sources": [
                    cite(
                        SEED_SOURCE,
                        "About half get brain metastases; radiation choices; "
                        "brain-active TKIs may avoid radiation",
                    ),
                    cite(
                        LANCET_ONC_ENTRECTINIB_2020,
                        "Up to 36% have brain metastases at diagnosis of advanced disease",
                    ),
                    cite(
                        OU_ZHU_CNS_2019,
                        "Brain metastases in 20 to mid-30% at diagnosis, up "
                        "to mid-50% after crizotinib",
                    ),
                    cite(
                        AJMC_NCCN_TALETRECTINIB_2025,
                        "NCCN preferred first-line TKIs for brain metastases",
                    ),
                    cite(ASCO_POST_ENTRECTINIB_2020, "Entrectinib brain response 55%"),
                    cite(
                        TARGETEDONC_TALETRECTINIB_JCO,
                        "Taletrectinib brain response 76.5% without an earlier TKI",
                    ),
                    cite(FDA_SUMMARY_REPOTRECTINIB, "Repotrectinib brain responses observed"),
                ],
            },
            {
                "slug": "blood-clots",
                "title": "Blood clots (thromboembolism)",
                "body": md(
                    """
                    People with ROS1+ cancer get blood clots more often than people with
                    other kinds of cancer. A clot that forms in a blood vessel and can
                    block it is called a **thromboembolism**.

                    - If you get a clot, you may be given a **blood thinner** (a medicine
                      that makes your blood clot less easily) along with your cancer
                      treatment.
                    - There is not yet evidence that a blood thinner helps to prevent a
                      clot in people who do not have one.
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(SEED_SOURCE, "Clot risk and blood thinners (not re-checked in 2026)")
                ],
            },
            {
                "slug": "second-line-and-resistance",
                "title": "When the cancer grows again: second-line treatment",
                "body": md(
                    """
                    **Second-line treatment** is the treatment you get after the cancer
                    has grown again (progressed) on your first treatment.

                    **Why the cancer grows again.** In most people, ROS1+ cancer becomes
                    resistant to the TKI over time (acquired resistance). This happens in
                    different ways:

                    - **On-target resistance:** the faulty ROS1 protein itself changes,
                      so the TKI no longer blocks it well. The most common change of this
                      kind is called **G2032R**.
                    - **Another cause**, in about half of people: for example the cancer
                      picks up a new change in another **biomarker** such as RET, EGFR,
                      MET or ALK (a biomarker is a feature of the cancer, like a gene
                      change, that a test can find), or the cancer cell changes in some
                      other way.
                    - The new growth may also be a different type of cancer
                      altogether.

                    **Choosing the next treatment.** The best choice depends on what
                    makes the cancer grow. Tests can help to find out: **biomarker
                    testing**, a new tissue biopsy from the place where the cancer is
                    growing, or a liquid biopsy (a blood test).

                    - **If the resistance is on-target**, another ROS1 TKI may work.
                      Which one depends on the exact change. Repotrectinib and
                      taletrectinib are approved for people who have had a ROS1 TKI.
                      Zidesamtinib (once called NVL-520) was tested in this group too.
                      Lorlatinib can help with some changes, but not with G2032R.
                    - **If it is not on-target**, moving to another ROS1 TKI will
                      probably not help. Your doctor may keep you on your TKI, so that
                      the ROS1+ cancer stays held back, and add a treatment aimed at the
                      part that is growing:
                        - surgery or **stereotactic radiosurgery** (strong, precisely
                          aimed radiation) to the growing area. People call this
                          "weeding the garden". It has let some people stay on the same
                          TKI for many years.
                        - chemotherapy, or a different TKI aimed at the other biomarker.

                    Choosing what to do next can be complicated. If your doctor has not
                    treated many people whose ROS1+ cancer has grown again, ask about
                    getting advice from a ROS1 specialist.
                    """
                ),
                "drugs": ["lorlatinib", "repotrectinib", "taletrectinib", "nvl-520"],
                "sources": [
                    cite(
                        SEED_SOURCE,
                        "Kinds of resistance, tests, and treatment choices after progression",
                    ),
                    cite(
                        LIN_RESISTANCE_CCR_2021,
                        "G2032R is the most common ROS1 resistance mutation",
                    ),
                    cite(
                        FDA_SUMMARY_REPOTRECTINIB,
                        "Repotrectinib approved after an earlier ROS1 TKI",
                    ),
                    cite(
                        AACR_TALETRECTINIB_2025,
                        "Taletrectinib approved regardless of earlier TKI treatment",
                    ),
                    cite(TARGETEDONC_ZIDESAMTINIB_NDA, "Zidesamtinib tested after earlier TKIs"),
                    cite(
                        KILLOCK_LORLATINIB,
                        "Lorlatinib helped with some ROS1 mutations but not G2032R",
                    ),
                ],
            },
            {
                "slug": "g2032r-mutation",
                "title": "The G2032R mutation",
                "body": md(
                    """
                    **G2032R** is a change in the ROS1 gene that can stop a TKI working.
                    You may see it on the report of a biopsy or a blood test.

                    In one study, doctors tested biopsies taken when the cancer grew on
                    crizotinib or lorlatinib. About 4 in 10 had a new change in ROS1.
                    G2032R was the most common one, found in about a third of cases.
                    It stops crizotinib and entrectinib working well.

                    **Which TKIs work against G2032R?**

                    - **Repotrectinib:** 10 of 17 people with G2032R responded.
                    - **Taletrectinib:** 8 of 13 people with G2032R responded.
                    - **Lorlatinib:** no one with G2032R responded in its main trial.

                    US NCCN guidelines name repotrectinib and taletrectinib as choices
                    for cancer with G2032R.

                    Ask your doctor whether your test looked for G2032R and other ROS1
                    changes.
                    """
                ),
                "drugs": [
                    "repotrectinib",
                    "taletrectinib",
                    "lorlatinib",
                    "crizotinib",
                    "entrectinib",
                ],
                "sources": [
                    cite(
                        LIN_RESISTANCE_CCR_2021,
                        "ROS1 mutations in 38-46% of biopsies; G2032R in about a third of cases",
                    ),
                    cite(PCM_ROS1_CASES, "G2032R causes resistance to crizotinib and entrectinib"),
                    cite(NEJM_REPOTRECTINIB_2024, "Repotrectinib: 10 of 17 with G2032R responded"),
                    cite(
                        TARGETEDONC_TALETRECTINIB_JCO,
                        "Taletrectinib: 8 of 13 with G2032R responded",
                    ),
                    cite(
                        KILLOCK_LORLATINIB,
                        "Lorlatinib: best response with G2032R was stable disease",
                    ),
                    cite(
                        AJMC_NCCN_TALETRECTINIB_2025,
                        "NCCN names repotrectinib and taletrectinib for G2032R",
                    ),
                ],
            },
            {
                "slug": "alk-tkis",
                "title": "ALK TKIs: some help in ROS1+ cancer, some do not",
                "body": md(
                    """
                    **ALK** is another biomarker. Many TKIs made for ALK-positive cancer
                    also act against ROS1+ cancer. But some work much less well than ROS1
                    TKIs, and one does not work at all:

                    - **Brigatinib (Alunbrig)** and **ensartinib (Ensacove)** have some
                      effect on ROS1+ cancer. As a first treatment they work much less
                      well than crizotinib, entrectinib or repotrectinib. They have not
                      been shown to work against the mutations that make ROS1+ cancer
                      resistant to TKIs.
                    - In December 2024 the FDA approved ensartinib, as Ensacove, for
                      ALK-positive lung cancer. That approval is not for ROS1+ cancer.
                    - **Alectinib (Alecensa) does not work for ROS1+ cancer.** It should
                      never be given for it.

                    If your doctor prescribes one of these drugs for your ROS1+ cancer
                    outside a clinical trial, ask why. You may want a second opinion from
                    a ROS1 specialist.
                    """
                ),
                "drugs": ["brigatinib", "ensartinib", "alectinib"],
                "sources": [
                    cite(
                        SEED_SOURCE,
                        "Brigatinib and ensartinib work less well; alectinib does not work",
                    ),
                    cite(
                        JNCCN360_ENSARTINIB_2024,
                        "Ensartinib's FDA approval as Ensacove for ALK-positive NSCLC",
                    ),
                ],
            },
            {
                "slug": "clinical-trials",
                "title": "Clinical trials",
                "body": md(
                    """
                    A **clinical trial** is a research study that tests a treatment in
                    people. A trial can be a good choice for ROS1+ cancer at any point:
                    as your first, second or a later treatment.

                    A trial is worth a close look if you cannot get an approved ROS1 TKI,
                    above all if it gives you a TKI that is already approved in other
                    countries.

                    Some TKIs that were in trials a few years ago are now approved in the
                    USA, such as taletrectinib. Trials go on. One, called TRUST-III,
                    compares taletrectinib with crizotinib as a first TKI. Zidesamtinib
                    is being tested in people who have not had a ROS1 TKI.

                    Ask your doctor which ROS1 TKI trials you could join.
                    """
                ),
                "drugs": ["taletrectinib", "nvl-520", "crizotinib"],
                "sources": [
                    cite(SEED_SOURCE, "When a clinical trial is worth considering"),
                    cite(
                        ONCOLOGYTUBE_TALETRECTINIB_2025, "Taletrectinib's FDA approval in June 2025"
                    ),
                    cite(TRUST3_TRIAL, "TRUST-III compares taletrectinib with crizotinib"),
                    cite(CURE_ZIDESAMTINIB_NDA, "Zidesamtinib's TKI-naive group is ongoing"),
                ],
            },
        ],
    },
    {
        "slug": "about-ros1",
        "title": "About ROS1+ lung cancer",
        "summary": (
            "What a ROS1 fusion is, who gets ROS1+ lung cancer, and how doctors find it. "
            "Get your test results before you start any treatment."
        ),
        "sections": [
            {
                "slug": "what-is-a-ros1-fusion",
                "title": "What is a ROS1 fusion?",
                "body": md(
                    """
                    Your **genes** are the instructions inside each cell. They are
                    written in DNA. **ROS1** is one of these genes. It holds the recipe
                    for a protein that can tell a cell to grow.

                    In ROS1+ cancer, part of the ROS1 gene has joined onto part of
                    another gene. This is called a **ROS1 fusion**, or a ROS1
                    rearrangement. The joined gene makes a ROS1 protein that is stuck
                    "on". It keeps telling the cell to grow, and this drives the cancer.

                    ROS1 can join with many different partner genes. In lung cancer, the
                    most common partner is a gene called **CD74**. For now, the
                    treatment is the same whichever partner you have.

                    You may see other names for it: ROS1-positive, ROS1 fusion, ROS1
                    rearranged, or ROS1 altered. They all mean the same thing.
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(
                        LUNG_ORG_ROS1,
                        "What a ROS1 fusion is; CD74 is the most common "
                        "partner; same treatment whatever the partner",
                    ),
                    cite(LCFA_ROS1_TREATMENT, "The fusion keeps ROS1 stuck in the on position"),
                    cite(ROS1DERS_PATIENT_GUIDE, "Other names for ROS1+ cancer"),
                ],
            },
            {
                "slug": "who-gets-ros1",
                "title": "Who gets ROS1+ lung cancer?",
                "body": md(
                    """
                    ROS1+ cancer is rare. It is found in about 1 to 2 of every 100
                    people with non-small cell lung cancer (NSCLC).

                    People with ROS1+ lung cancer tend to:

                    - be younger than most people with lung cancer. In one study, half
                      were younger than about 50. For lung cancer in general, the middle
                      age is about 70.
                    - have never smoked, or smoked only a little.
                    - more often be women: about 2 in 3 in that study were women.

                    **How did I get it?** Nobody knows what makes the ROS1 gene join
                    with another gene. It is not linked to any known risk or habit.
                    Experts think a cell most likely made a chance mistake while copying
                    its DNA. It is just bad luck.

                    ROS1 fusions are also found in cancers that start in other organs.
                    Examples are the brain, the skin (melanoma) and the bile ducts. But
                    testing for ROS1 is routine only for NSCLC.
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(
                        LCFA_ROS1_BIOMARKER,
                        "1-2% of NSCLC; median age 50.5; 64.5% women; never or light smokers",
                    ),
                    cite(
                        ROS1DERS_PATIENT_GUIDE,
                        "Cause unknown, likely a random copying "
                        "mistake; found in other organs; routine testing only in NSCLC",
                    ),
                ],
            },
            {
                "slug": "testing-for-ros1",
                "title": "How doctors find ROS1",
                "body": md(
                    """
                    Doctors find ROS1 with **biomarker testing**. A **biomarker** is a
                    feature of the cancer, like a gene change, that a test can find.

                    **What is tested**

                    - **Tissue:** a small piece of the tumour, taken in a **biopsy**.
                    - **Blood:** a **liquid biopsy** looks for cancer DNA in your blood.
                      It is used when not enough tissue can be taken.

                    **The main tests**

                    - **NGS** (next-generation sequencing) checks many genes at once.
                      It is also called comprehensive biomarker testing. US guidelines
                      advise a broad test like this when it is possible.
                    - **FISH** (fluorescence in situ hybridisation) uses glowing markers
                      to show, under a microscope, whether the ROS1 gene has broken
                      apart.
                    - **IHC** (immunohistochemistry) uses a stain to look for too much
                      ROS1 protein. It is often used first, to screen. A positive IHC
                      result needs to be confirmed by another test.

                    Your doctor may use more than one test to be sure.

                    **Get your results before you start treatment.** If you have just
                    been told you have NSCLC, make sure your doctors order full
                    biomarker testing. Have the results before you start any treatment,
                    including chemotherapy or immunotherapy. The results guide which
                    medicines can help you.
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(
                        LUNG_ORG_ROS1,
                        "Tissue or blood testing; FISH, NGS and liquid "
                        "biopsy; several tests may be used",
                    ),
                    cite(
                        LCFA_ROS1_BIOMARKER,
                        "Get comprehensive biomarker results before "
                        "any treatment, including chemotherapy or immunotherapy",
                    ),
                    cite(
                        BIOONCOLOGY_ROS1_TESTING,
                        "How IHC, FISH and NGS detect ROS1; IHC needs molecular confirmation",
                    ),
                    cite(
                        ROZLYTREK_HCP_TESTING,
                        "NCCN advises broad, panel-based testing such as NGS when feasible",
                    ),
                    cite(
                        ROZLYTREK_US_LABEL,
                        "Blood testing is for when tumour tissue is not available",
                    ),
                    cite(
                        WESPISER_REVIEW_2026,
                        "NGS, often after IHC screening, is the most sensitive approach",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "taking-your-medicine",
        "title": "Taking your ROS1 medicine",
        "summary": (
            "How to take each ROS1 TKI: with food or not, how often, and what to do if you "
            "miss a dose. Always follow what your own doctor and pharmacist tell you."
        ),
        "sections": [
            {
                "slug": "tips-for-every-tki",
                "title": "Tips for any ROS1 TKI",
                "body": md(
                    """
                    - Follow the plan from your doctor and pharmacist. They may lower
                      your dose to help with side effects.
                    - Never take two doses at once to make up for one you missed.
                    - Tell your care team about every other medicine you take. This
                      includes herbal products and supplements. Some of them change how
                      much TKI gets into your blood.
                    - Do not stop your TKI on your own. Talk to your team first (see
                      "Do not take breaks from your TKI").
                    - If you could become pregnant, ask about birth control before you
                      start. These medicines can harm an unborn baby.

                    The parts below cover crizotinib, entrectinib, repotrectinib and
                    taletrectinib. For other TKIs, ask your care team how to take them.
                    """
                ),
                "drugs": ["crizotinib", "entrectinib", "repotrectinib", "taletrectinib"],
                "sources": [
                    cite(SEED_SOURCE, "Why not to stop a TKI on your own"),
                    cite(PFIZER_XALKORI_DOSING, "Crizotinib: dose reductions; missed-dose rule"),
                    cite(
                        AUGTYRO_EU_DOSAGE,
                        "Repotrectinib: never take two doses at once; dose reductions",
                    ),
                    cite(
                        AUGTYRO_US_LABEL, "Repotrectinib: stop some other medicines before starting"
                    ),
                    cite(
                        REPOTRECTINIB_INTERACTIONS,
                        "Repotrectinib: other medicines change its level",
                    ),
                    cite(IBTROZI_DOSAGE, "Taletrectinib: dose reductions; grapefruit"),
                    cite(
                        LCT_TALETRECTINIB_2025,
                        "Taletrectinib label warns of harm to an unborn baby",
                    ),
                    cite(ROZLYTREK_PREGNANCY, "Entrectinib can cause harm to an unborn baby"),
                ],
            },
            {
                "slug": "taking-taletrectinib",
                "title": "Taking taletrectinib (Ibtrozi)",
                "body": md(
                    """
                    - The usual dose is 600 mg once a day. That is three 200 mg
                      capsules.
                    - Take it on an **empty stomach**: eat nothing for at least 2 hours
                      before and 2 hours after.
                    - Take it at about the same time each day.
                    - Swallow the capsules whole. Do not open, chew, crush or dissolve
                      them.
                    - Do not eat grapefruit or drink grapefruit juice.
                    - Protect your skin from the sun while you take it, and for at least
                      5 days after you stop. Use a broad-spectrum sunscreen.
                    - **If you miss a dose:** skip it. Take the next dose at the usual
                      time the next day.
                    - **If you are sick (vomit) after a dose:** do not take another one.
                      Take the next dose at the usual time the next day.
                    - Before you start, you will have blood tests of your liver and uric
                      acid, and a heart tracing (ECG).
                    """
                ),
                "drugs": ["taletrectinib"],
                "sources": [
                    cite(
                        IBTROZI_DOSAGE,
                        "Dose, empty stomach, swallowing, grapefruit, sun, "
                        "missed dose, vomiting, tests before starting",
                    ),
                    cite(ONCOLOGYTUBE_TALETRECTINIB_2025, "600 mg once daily as approved"),
                ],
            },
            {
                "slug": "taking-repotrectinib",
                "title": "Taking repotrectinib (Augtyro)",
                "body": md(
                    """
                    - **First 2 weeks:** 160 mg once a day.
                    - **After that:** 160 mg twice a day.
                    - You can take it with or without food.
                    - **If you miss a dose, or are sick after a dose:** carry on with
                      your next dose at the usual time. Do not take two doses at once.
                    - It can make you dizzy or unsteady, or affect your memory and
                      thinking. If this happens, do not drive or use machines.
                    - It can make hormonal birth control, such as the pill, work less
                      well. Ask your team about other kinds of birth control.
                    - Before you start, you may need to stop some other medicines. Blood
                      tests will check your liver and your uric acid.
                    """
                ),
                "drugs": ["repotrectinib"],
                "sources": [
                    cite(
                        AUGTYRO_US_LABEL,
                        "Dose ramp with or without food; stop some CYP3A "
                        "inhibitors before starting",
                    ),
                    cite(NEJM_REPOTRECTINIB_2024, "160 mg daily for 14 days, then twice daily"),
                    cite(AUGTYRO_EU_DOSAGE, "Missed dose or vomiting: resume as prescribed"),
                    cite(
                        AUGTYRO_EU_WARNINGS,
                        "Dizziness, unsteadiness and memory problems; do not drive if affected",
                    ),
                    cite(
                        REPOTRECTINIB_INTERACTIONS, "Can make hormonal birth control less effective"
                    ),
                    cite(
                        FDA_SUMMARY_REPOTRECTINIB,
                        "Common side effects include dizziness, ataxia and cognitive disorders",
                    ),
                    cite(
                        AUGTYRO_COVERAGE,
                        "Liver tests and uric acid checked before starting (from the US label)",
                    ),
                ],
            },
            {
                "slug": "taking-entrectinib",
                "title": "Taking entrectinib (Rozlytrek)",
                "body": md(
                    """
                    - The usual adult dose is 600 mg once a day.
                    - You can take it with or without food.
                    - Swallow the capsules whole.
                    - If you cannot swallow capsules, ask about other ways. The capsules
                      can be made into a liquid. There are also **oral pellets** that you
                      take with soft food.
                    - **If you miss a dose:** take it, unless your next dose is due
                      within 12 hours.
                    - **If you are sick just after a dose:** you may take that dose
                      again.
                    - Before you start, your doctor may check how well your heart pumps,
                      your heart rhythm (ECG) and your uric acid.
                    """
                ),
                "drugs": ["entrectinib"],
                "sources": [
                    cite(
                        ROZLYTREK_DOSAGE,
                        "Capsules whole, as a liquid, or pellets with soft "
                        "food; checks before starting",
                    ),
                    cite(
                        ROZLYTREK_MISSED_DOSE,
                        "600 mg once daily with or without food; "
                        "missed dose within 12 hours; vomiting",
                    ),
                ],
            },
            {
                "slug": "taking-crizotinib",
                "title": "Taking crizotinib (Xalkori)",
                "body": md(
                    """
                    - The usual dose is 250 mg twice a day.
                    - You can take it with or without food.
                    - Swallow the capsules whole.
                    - **If you miss a dose:** take it, unless your next dose is due
                      within 6 hours.
                    - **If you are sick after a dose:** take the next dose at the usual
                      time.
                    """
                ),
                "drugs": ["crizotinib"],
                "sources": [
                    cite(
                        PFIZER_XALKORI_DOSING,
                        "Dose, food, swallowing whole, missed dose and vomiting",
                    )
                ],
            },
        ],
    },
    {
        "slug": "living-with-ros1",
        "title": "Living with ROS1+ cancer",
        "summary": (
            "Coping with side effects and with worry, and finding people who understand "
            "ROS1+ cancer."
        ),
        "sections": [
            {
                "slug": "coping-with-side-effects",
                "title": "Coping with side effects",
                "body": md(
                    """
                    Targeted pills have side effects too. The parts of the cell they
                    block are also found in healthy cells.

                    - **Before you start,** ask which side effects to expect. Ask which
                      ones need a call to your team straight away.
                    - **Tell your team early.** Treating a side effect soon can stop it
                      getting worse. Your doctor may pause your TKI for a short time, or
                      lower the dose.
                    - **Keep a record** of what happens and when. The journal in this app
                      can help.
                    - **Go to your check-ups.** Some side effects show up only in blood
                      tests or heart tracings. Examples are raised liver enzymes, high
                      uric acid, raised CPK and changes in heart rhythm.
                    - **Ask about supportive care.** This is care that eases symptoms and
                      stress. It is also called palliative care. You can have it at any
                      stage, along with your cancer treatment.

                    **Get help straight away** if you have:

                    - new or worse shortness of breath, cough or chest pain.
                    - a fast or pounding heartbeat, a fluttering in your chest, or
                      sudden dizziness.
                    - swollen legs, fast weight gain, or trouble breathing when you
                      lie down.
                    - pain in the upper right side of your belly, with feeling sick or
                      not wanting to eat.
                    - bone pain, or new trouble moving.
                    - confusion, or seeing things that are not there.
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(
                        CRAWFORD_SIDE_EFFECTS,
                        "Targeted therapy still has side effects, as "
                        "the targets are in normal cells too",
                    ),
                    cite(
                        PATIENT_RESOURCE_SIDE_EFFECTS,
                        "Ask what to watch for before "
                        "starting; report early; prompt treatment helps",
                    ),
                    cite(
                        CSC_COPING_SIDE_EFFECTS,
                        "Talk to your doctor before treatment; palliative care at any stage",
                    ),
                    cite(IBTROZI_DOSAGE, "Liver, uric acid and ECG checks; dose reductions"),
                    cite(AUGTYRO_EU_WARNINGS, "Symptoms of lung inflammation to report"),
                    cite(
                        ROZLYTREK_PATIENT_SIDE_EFFECTS,
                        "Symptoms of heart, liver, bone and "
                        "brain side effects that need urgent care",
                    ),
                ],
            },
            {
                # The journal's check-in links here (issue 14): keep the slug.
                "slug": "when-to-contact-your-care-team",
                "title": "When to contact your care team about a bad week",
                "body": md(
                    """
                    The weekly check-in in your journal asks about the past 7 days: how
                    often you had each symptom, how bad it was at its worst, and how much
                    it got in the way of your day. Each answer is a number from 0 to 4.
                    These are the scales of the US National Cancer Institute's PRO-CTCAE
                    questions.

                    **What the app calls a bad week.** The app points out a week when
                    you rate a symptom 3 or 4 for how bad it was or how much it got in the
                    way, or when a rating is two steps higher than the week before. It is
                    a reminder to think about calling your team. It is not a diagnosis,
                    and the app gives no medical advice beyond this page. Your answers go
                    nowhere unless you share your journal with a clinic, and even then
                    nobody may be reading it that day. If you need help, call.

                    **Why telling your team helps.** In a trial in New York, people
                    having chemotherapy for advanced cancer reported their symptoms online
                    every week, and a nurse was told when a symptom was severe or getting
                    worse. Half of them were still alive after 31 months, against 26
                    months for people who had the usual care.

                    **Ask your team now, before you need it:**

                    - which number to call, at any time of the day or night;
                    - which symptoms they want to hear about at once, and which can wait
                      for your next visit;
                    - what temperature counts as a fever for you.

                    **Call your cancer team's 24-hour number straight away if you have:**

                    - a temperature of 38°C (100.4°F) or higher, even if you feel well.
                      Some hospitals ask you to call from 37.5°C: do what your team told
                      you.
                    - shivers or shaking chills, or you feel suddenly unwell, even with a
                      normal temperature.
                    - sickness that your medicines do not control, or diarrhoea that is
                      very bad or lasts more than a day.
                    - pain that your pain medicine does not ease.
                    - a cough that will not go away, or bleeding or bruising you cannot
                      explain.
                    - new or worse shortness of breath, or confusion.

                    A blood clot in a leg or in the lung needs care at once (see
                    [blood clots](/learn/current-treatments/#blood-clots)).

                    **Call 999, or your local emergency number,** if you have chest pain
                    or are struggling to breathe, if someone cannot wake you, if you have
                    a fit (seizure), or if you are bleeding heavily.

                    **If in doubt, call.** If your team cannot look at your symptoms soon
                    enough, you may need to go to the emergency department.
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(
                        NCI_PRO_CTCAE_FAQ,
                        "The 7-day recall, and the frequency, severity and interference "
                        "scales from 0 to 4",
                    ),
                    cite(
                        BASCH_JAMA_2017,
                        "Weekly online symptom reports with nurse alerts; median survival "
                        "31.2 against 26.0 months with usual care",
                    ),
                    cite(
                        CANCERNET_WHEN_TO_CALL,
                        "Ask which symptoms need care at once; fever of 38°C (100.4°F) or "
                        "higher, shaking chills, chest pain or shortness of breath, "
                        "confusion; blood clots in a leg or lung need care; the emergency "
                        "department when the team cannot see you soon",
                    ),
                    cite(
                        LEEDS_UNWELL_AFTER_TREATMENT,
                        "Call at 38°C even when well; unwell or shivery without a "
                        "temperature; sickness not controlled by medicines; diarrhoea that "
                        "is very bad or lasts over 24 hours; a cough that persists; "
                        "bleeding or bruising; pain not controlled by medicine",
                    ),
                    cite(
                        CLATTERBRIDGE_URGENT_CARE,
                        "Some hospitals ask for a call from 37.5°C; feeling suddenly "
                        "unwell with a normal temperature; a 24-hour line",
                    ),
                    cite(
                        ROYAL_SURREY_HOTLINE,
                        "Call 999 for chest pain, struggling to breathe, loss of "
                        "consciousness, a seizure or severe bleeding",
                    ),
                    cite(
                        NICE_UNWELL_DURING_TREATMENT,
                        "Follow your team's advice on how and when to call for 24-hour "
                        "specialist cancer advice",
                    ),
                ],
            },
            {
                "slug": "coping-with-worry",
                "title": "Coping with worry",
                "body": md(
                    """
                    Fear and worry are normal after a cancer diagnosis.

                    - **Your cancer is not the average.** Figures about cancer in
                      general, or even lung cancer, do not predict how ROS1+ cancer
                      will go for you.
                    - **Learn about your cancer** from sources you can trust, such as
                      your care team and ROS1 patient groups. Check how recent the
                      information is. Treatments for ROS1+ cancer have changed a lot in
                      the last few years.
                    - **Be part of your care team.** Ask your doctors about their
                      experience with ROS1+ cancer. Ask as many questions as you need.
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(
                        ROS1DERS_ENGAGED_PATIENT,
                        "Fear is common; general statistics do "
                        "not predict ROS1+ outcomes; use credible sources; ask questions",
                    ),
                    cite(
                        AACR_TALETRECTINIB_2025, "A fourth ROS1 TKI was approved in the USA in 2025"
                    ),
                ],
            },
            {
                "slug": "finding-support",
                "title": "Finding support",
                "body": md(
                    """
                    You do not have to face ROS1+ cancer alone.

                    - **The ROS1ders** is a group led by patients, for people with ROS1+
                      cancer and the people who care for them. People with ROS1+ lung
                      cancer started it in 2015. Its members live in more than 30
                      countries. They share what they have learned and work with doctors
                      and researchers.
                    - **Your care team** can tell you what support is offered where you
                      are treated. It can help with feelings, money and family matters,
                      as well as with symptoms.
                    - **Your family and carers** can get support as well.
                    - **A ROS1 specialist** can give you a second opinion (see "Getting
                      advice from a ROS1 specialist").
                    """
                ),
                "drugs": [],
                "sources": [
                    cite(
                        VICKERS_ROS1DERS,
                        "The ROS1ders: patient-led, founded in 2015, members in over 30 countries",
                    ),
                    cite(ROS1DERS_PATIENT_GUIDE, "The ROS1ders' guide for patients and caregivers"),
                    cite(
                        PATIENT_RESOURCE_SIDE_EFFECTS,
                        "Supportive care services for patients, families and caregivers",
                    ),
                    cite(SEED_SOURCE, "Seeking a ROS1 clinician-researcher"),
                ],
            },
        ],
    },
]


# The drug catalogue. Each regulatory fact says when it was checked (as_of) and
# which source backs it; a date is given only where that source gives one.
DRUGS: list[dict] = [
    {
        "slug": "crizotinib",
        "generic_name": "crizotinib",
        "brand_names": "Xalkori",
        "drug_class": "ros1_tki",
        "rating": "preferred_first_line",
        "treats_brain": "no",
        "warning": "",
        "summary": (
            "A ROS1 TKI: a targeted pill for ROS1+ lung cancer that has spread. It was the "
            "first one approved, in 2016. A recent review still lists it among the first "
            "choices. Tumours shrank in about 7 in 10 people. It does not work well in the "
            "brain, so experts now often prefer newer TKIs that do."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Approved for ROS1-positive NSCLC that has spread (metastatic).",
                "date": date(2016, 3, 1),
                "date_precision": "month",
                "as_of": CHECKED,
                "source": SEED_SOURCE,
            },
        ],
        "sources": [
            cite(SEED_SOURCE, "FDA approval in March 2016; weak brain activity"),
            cite(NEJM_CRIZOTINIB_2014, "Response rate 72%"),
            cite(BOULANGER_REVIEW, "Still among the preferred FDA-approved first-line TKIs"),
            cite(
                WESPISER_REVIEW_2026,
                "Brain-penetrant next-generation TKIs now preferred first-line",
            ),
        ],
    },
    {
        "slug": "entrectinib",
        "generic_name": "entrectinib",
        "brand_names": "Rozlytrek",
        "drug_class": "ros1_tki",
        "rating": "preferred_first_line",
        "treats_brain": "yes",
        "warning": "",
        "summary": (
            "A ROS1 TKI used as a first treatment for ROS1+ lung cancer that has spread. It "
            "works in the brain. US guidelines list it as a preferred choice when the cancer "
            "has reached the brain. It also comes as oral pellets, taken with soft food. In "
            "the EU it is only for people who have not had a ROS1 TKI. It can cause heart "
            "failure."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Approved for adults whose ROS1-positive NSCLC has spread "
                "(metastatic).",
                "date": date(2019, 8, 15),
                "date_precision": "day",
                "as_of": CHECKED,
                "source": GENENTECH_ROZLYTREK_2019,
            },
            {
                "agency": "FDA",
                "description": "Accelerated approval for solid tumours with an NTRK gene "
                "fusion (not a ROS1 approval).",
                "date": date(2019, 8, 15),
                "date_precision": "day",
                "as_of": CHECKED,
                "source": GENENTECH_ROZLYTREK_2019,
            },
            {
                "agency": "EMA",
                "description": "Conditional marketing authorisation in the EU, for adults "
                "with ROS1-positive advanced NSCLC not previously treated with ROS1 "
                "inhibitors.",
                "date": date(2020, 7, 31),
                "date_precision": "day",
                "as_of": CHECKED,
                "source": EMA_ENTRECTINIB_REVIEW,
            },
            {
                "agency": "FDA",
                "description": "Approved an oral pellet form, taken with soft food.",
                "date": date(2023, 10, 1),
                "date_precision": "month",
                "as_of": CHECKED,
                "source": ROZLYTREK_PELLETS_2023,
            },
        ],
        "sources": [
            cite(GENENTECH_ROZLYTREK_2019, "FDA approvals for ROS1+ NSCLC and NTRK-fusion tumours"),
            cite(ASCO_POST_ENTRECTINIB_2020, "Response rates in the body and the brain"),
            cite(AJMC_NCCN_TALETRECTINIB_2025, "NCCN preferred first-line for brain metastases"),
            cite(ROZLYTREK_PELLETS_2023, "Oral pellet form"),
            cite(ROZLYTREK_US_LABEL_2024, "The US label covers capsules and oral pellets"),
            cite(ROZLYTREK_DOSAGE, "Pellets taken with soft food"),
            cite(ESMO_ENTRECTINIB_CHMP_2020, "EU use only without earlier ROS1 inhibitors"),
            cite(ROZLYTREK_WARNINGS, "Label warns of congestive heart failure"),
        ],
    },
    {
        "slug": "repotrectinib",
        "generic_name": "repotrectinib",
        "brand_names": "Augtyro",
        "drug_class": "ros1_tki",
        "rating": "preferred_first_line",
        "treats_brain": "yes",
        "warning": "",
        "summary": (
            "A ROS1 TKI used as a first treatment for ROS1+ lung cancer, or after another "
            "ROS1 TKI. It works in the brain. It also works against several resistance "
            "mutations, such as G2032R. You take it once a day for 2 weeks, then twice a day. "
            "It is also approved for cancers with an NTRK fusion."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Approved for ROS1-positive NSCLC that is locally advanced "
                "or has spread (metastatic).",
                "date": date(2023, 11, 15),
                "date_precision": "day",
                "as_of": CHECKED,
                "source": FDA_SUMMARY_REPOTRECTINIB,
            },
            {
                "agency": "FDA",
                "description": "Accelerated approval for solid tumours with an NTRK gene "
                "fusion, in people aged 12 and over (not a ROS1 approval).",
                "date": date(2024, 6, 13),
                "date_precision": "day",
                "as_of": CHECKED,
                "source": FDA_REPOTRECTINIB_NTRK_2024,
            },
            {
                "agency": "EMA",
                "description": "EU product information (revised 2025) covers adults with "
                "ROS1-positive advanced NSCLC. We did not find the date of the EU decision.",
                "date": None,
                "date_precision": "year",
                "as_of": CHECKED,
                "source": AUGTYRO_EU_DOSAGE,
            },
        ],
        "sources": [
            cite(FDA_SUMMARY_REPOTRECTINIB, "FDA approval for first or later use; brain responses"),
            cite(NEJM_REPOTRECTINIB_2024, "Activity against G2032R; dose ramp"),
            cite(SEED_SOURCE, "Works against resistance mutations after crizotinib or entrectinib"),
            cite(FDA_REPOTRECTINIB_NTRK_2024, "NTRK-fusion approval"),
        ],
    },
    {
        "slug": "ceritinib",
        "generic_name": "ceritinib",
        "brand_names": "Zykadia",
        "drug_class": "ros1_tki",
        "rating": "alternative",
        "treats_brain": "yes",
        "warning": "",
        "summary": (
            "A TKI that doctors can prescribe off-label for ROS1+ cancer. It works in the "
            "brain but less well against ROS1+ cancer than the preferred first-line TKIs. "
            "It may be a choice where those are hard to get or cause too many side effects."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Not approved for ROS1+ cancer; available off-label.",
                "date": None,
                "date_precision": "month",
                "as_of": CHECKED,
                "source": SEED_SOURCE,
            },
        ],
        "sources": [cite(SEED_SOURCE, "Off-label use, brain activity and place in treatment")],
    },
    {
        "slug": "lorlatinib",
        "generic_name": "lorlatinib",
        "brand_names": "Lorbrena",
        "drug_class": "ros1_tki",
        "rating": "later_line",
        "treats_brain": "yes",
        "warning": (
            "Does not work against the G2032R resistance mutation. If a test shows G2032R, "
            "ask your doctor about other TKIs."
        ),
        "summary": (
            "A TKI that US guidelines (NCCN) have listed as a second or third treatment for "
            "ROS1+ lung cancer. It works very well in the brain. So it is sometimes used first "
            "when there are many brain tumours, or cancer in the layers that cover the brain "
            "and spinal cord (leptomeningeal disease)."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Not approved for ROS1+ cancer; used off-label.",
                "date": None,
                "date_precision": "month",
                "as_of": CHECKED,
                "source": SEED_SOURCE,
            },
            {
                "agency": "NCCN",
                "description": "Recommended as a second- or third-line treatment for "
                "ROS1-positive NSCLC (as the 2022 seed page reported; not re-checked "
                "against the current guidelines).",
                "date": None,
                "date_precision": "month",
                "as_of": CHECKED,
                "source": SEED_SOURCE,
            },
        ],
        "sources": [
            cite(SEED_SOURCE, "NCCN later-line listing; used first for brain disease"),
            cite(LANCET_ONC_LORLATINIB_2019, "Response rates with and without crizotinib before"),
            cite(KILLOCK_LORLATINIB, "No response in G2032R; brain responses"),
            cite(PCM_ROS1_CASES, "Limited potency against G2032R"),
        ],
    },
    {
        "slug": "taletrectinib",
        "generic_name": "taletrectinib",
        "brand_names": "Ibtrozi",
        "drug_class": "ros1_tki",
        "rating": "preferred_first_line",
        "treats_brain": "yes",
        "warning": "",
        "summary": (
            "A ROS1 TKI approved in the USA in June 2025. It is for ROS1+ lung cancer that is "
            "locally advanced or has spread. You can take it first or after another ROS1 TKI. "
            "Tumours shrank in 85 to 90 of every 100 people who had not had a TKI. It works in "
            "the brain and against G2032R. You take it once a day on an empty stomach. Its "
            "label warns of liver, lung, heart rhythm, uric acid, muscle and bone problems, "
            "and harm to an unborn baby."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Approved for adults with ROS1-positive NSCLC that is locally "
                "advanced or metastatic, with or without an earlier ROS1 TKI.",
                "date": date(2025, 6, 11),
                "date_precision": "day",
                "as_of": CHECKED,
                "source": ONCOLOGYTUBE_TALETRECTINIB_2025,
            },
            {
                "agency": "NCCN",
                "description": "Added to the NSCLC guidelines (version 5.2025) as a preferred "
                "first-line and later option for ROS1-positive NSCLC, including brain "
                "metastases and the G2032R mutation.",
                "date": date(2025, 6, 20),
                "date_precision": "day",
                "as_of": CHECKED,
                "source": AJMC_NCCN_TALETRECTINIB_2025,
            },
        ],
        "sources": [
            cite(
                ONCOLOGYTUBE_TALETRECTINIB_2025,
                "FDA approval on 11 June 2025; response rates; label warnings",
            ),
            cite(AACR_TALETRECTINIB_2025, "Approval with or without an earlier TKI"),
            cite(TARGETEDONC_TALETRECTINIB_JCO, "Brain and G2032R responses"),
            cite(AJMC_NCCN_TALETRECTINIB_2025, "NCCN preferred first-line option"),
            cite(IBTROZI_DOSAGE, "Once daily on an empty stomach"),
        ],
    },
    {
        "slug": "nvl-520",
        "generic_name": "zidesamtinib",
        "other_names": "NVL-520",
        "brand_names": "",
        "drug_class": "ros1_tki",
        "rating": "later_line",
        "treats_brain": "yes",
        "warning": "",
        "summary": (
            "A ROS1 TKI once known as NVL-520. It was tested in people whose ROS1+ lung "
            "cancer had grown on another ROS1 TKI. Tumours shrank in 44 of every 100, and "
            "brain tumours in 48 of every 100. OncoKB's August 2026 news lists it as "
            "FDA-approved. Ask your doctor whether you can get it."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Accepted the application to approve it for adults with "
                "locally advanced or metastatic ROS1-positive NSCLC after at least one ROS1 "
                "TKI.",
                "date": date(2025, 11, 1),
                "date_precision": "month",
                "as_of": CHECKED,
                "source": TARGETEDONC_ZIDESAMTINIB_NDA,
            },
            {
                "agency": "FDA",
                "description": "OncoKB's August 2026 news lists zidesamtinib as FDA-approved "
                "for ROS1-fusion NSCLC, citing an FDA approval notice. The approved use and "
                "date are not confirmed here.",
                "date": None,
                "date_precision": "month",
                "as_of": CHECKED,
                "source": ONCOKB_NEWS_2026_08,
            },
        ],
        "sources": [
            cite(
                TARGETEDONC_ZIDESAMTINIB_NDA,
                "Zidesamtinib is NVL-520; response and brain response after a TKI",
            ),
            cite(ONCOKB_NEWS_2026_08, "Listed by OncoKB as FDA-approved (Level 1)"),
        ],
    },
    {
        "slug": "brigatinib",
        "generic_name": "brigatinib",
        "brand_names": "Alunbrig",
        "drug_class": "alk_tki",
        "rating": "less_effective",
        "treats_brain": "unknown",
        "warning": (
            "Works much less well for ROS1+ cancer than ROS1 TKIs. If it is offered to you "
            "outside a clinical trial, ask your doctor why."
        ),
        "summary": (
            "A TKI made for ALK-positive cancer. It has some effect on ROS1+ cancer, but much "
            "less than the preferred ROS1 TKIs, and it has not been shown to work against "
            "ROS1 resistance mutations."
        ),
        "regulatory_facts": [],
        "sources": [
            cite(
                SEED_SOURCE, "Works much less well; not shown to work against resistance mutations"
            )
        ],
    },
    {
        "slug": "ensartinib",
        "generic_name": "ensartinib",
        "brand_names": "Ensacove",
        "drug_class": "alk_tki",
        "rating": "less_effective",
        "treats_brain": "unknown",
        "warning": (
            "Works much less well for ROS1+ cancer than ROS1 TKIs. If it is offered to you "
            "outside a clinical trial, ask your doctor why."
        ),
        "summary": (
            "A TKI made for ALK-positive cancer. The FDA approved it as Ensacove in December "
            "2024, for ALK-positive lung cancer only. It has some effect on ROS1+ cancer, but "
            "much less than the preferred ROS1 TKIs. It has not been shown to work against "
            "ROS1 resistance mutations."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Approved as Ensacove for ALK-positive locally advanced or "
                "metastatic NSCLC not treated with an ALK inhibitor before. Not an approval "
                "for ROS1+ cancer.",
                "date": date(2024, 12, 1),
                "date_precision": "month",
                "as_of": CHECKED,
                "source": JNCCN360_ENSARTINIB_2024,
            },
        ],
        "sources": [
            cite(
                SEED_SOURCE, "Works much less well; not shown to work against resistance mutations"
            ),
            cite(JNCCN360_ENSARTINIB_2024, "FDA approval as Ensacove for ALK-positive NSCLC"),
        ],
    },
    {
        "slug": "alectinib",
        "generic_name": "alectinib",
        "brand_names": "Alecensa",
        "drug_class": "alk_tki",
        "rating": "do_not_use",
        "treats_brain": "unknown",
        "warning": (
            "Alectinib does not work for ROS1+ cancer. It should not be given for it: if it "
            "is offered to you, ask your doctor why, and think about a second opinion."
        ),
        "summary": "A TKI made for ALK-positive cancer. It does not work against ROS1+ cancer.",
        "regulatory_facts": [],
        "sources": [cite(SEED_SOURCE, "Alectinib does not work for ROS1+ cancer")],
    },
    {
        "slug": "pemetrexed",
        "generic_name": "pemetrexed",
        "brand_names": "Alimta",
        "drug_class": "chemotherapy",
        "rating": "chemotherapy_option",
        "treats_brain": "unknown",
        "warning": "",
        "summary": (
            "A chemotherapy drug. Alone or with carboplatin, it can work against ROS1+ "
            "cancer when no ROS1 TKI is available."
        ),
        "regulatory_facts": [],
        "sources": [
            cite(SEED_SOURCE, "Pemetrexed, alone or with carboplatin, when no TKI is available")
        ],
    },
    {
        "slug": "carboplatin",
        "generic_name": "carboplatin",
        "brand_names": "",
        "drug_class": "chemotherapy",
        "rating": "chemotherapy_option",
        "treats_brain": "unknown",
        "warning": "",
        "summary": (
            "A chemotherapy drug. Given with pemetrexed, it seems to work against many ROS1+ "
            "cancers. An option when no ROS1 TKI is available."
        ),
        "regulatory_facts": [],
        "sources": [cite(SEED_SOURCE, "Carboplatin with pemetrexed when no TKI is available")],
    },
    {
        "slug": "nivolumab",
        "generic_name": "nivolumab",
        "brand_names": "Opdivo",
        "drug_class": "immunotherapy",
        "rating": "not_recommended_alone",
        "treats_brain": "unknown",
        "warning": (
            "Not advised on its own for ROS1+ cancer. Used alone, it often does not work. "
            "Its side effects can stop you taking a TKI afterwards."
        ),
        "summary": (
            "A type of immunotherapy: a drug that helps the immune system attack cancer. "
            "ROS1 specialists advise against using it alone for ROS1+ cancer. They suggest "
            "immunotherapy only once all other options have been tried."
        ),
        "regulatory_facts": [],
        "sources": [
            cite(SEED_SOURCE, "Specialists advise against checkpoint inhibitors alone"),
            cite(
                LCFA_ROS1_TREATMENT,
                "People with ROS1+ cancer are less likely to benefit from immunotherapy",
            ),
        ],
    },
    {
        "slug": "pembrolizumab",
        "generic_name": "pembrolizumab",
        "brand_names": "Keytruda",
        "drug_class": "immunotherapy",
        "rating": "not_recommended_alone",
        "treats_brain": "unknown",
        "warning": (
            "Not advised on its own for ROS1+ cancer. Used alone, it often does not work. "
            "Its side effects can stop you taking a TKI afterwards."
        ),
        "summary": (
            "A type of immunotherapy: a drug that helps the immune system attack cancer. "
            "ROS1 specialists advise against using it alone for ROS1+ cancer. They suggest "
            "immunotherapy only once all other options have been tried."
        ),
        "regulatory_facts": [],
        "sources": [
            cite(SEED_SOURCE, "Specialists advise against checkpoint inhibitors alone"),
            cite(
                LCFA_ROS1_TREATMENT,
                "People with ROS1+ cancer are less likely to benefit from immunotherapy",
            ),
        ],
    },
]

# Side-effect terms for the journal: CTCAE v5 term names with patient wording.
# Descriptions say what the effect is, never which drug causes it.
SIDE_EFFECT_TERMS: list[dict] = [
    {"slug": "blurred-vision", "patient_term": "Blurred vision",
     "ctcae_term": "Blurred vision",
     "description": "Things look fuzzy or out of focus."},
    {"slug": "flashing-lights", "patient_term": "Seeing flashes of light",
     "ctcae_term": "Flashing lights",
     "description": "Brief flashes or streaks of light in your sight that are not really there."},  # noqa: E501
    {"slug": "nausea", "patient_term": "Feeling sick (nausea)",
     "ctcae_term": "Nausea",
     "description": "An uneasy feeling in the stomach, as if you might be sick."},
    {"slug": "vomiting", "patient_term": "Being sick (vomiting)",
     "ctcae_term": "Vomiting",
     "description": "Bringing up what is in your stomach through your mouth."},
    {"slug": "diarrhoea", "patient_term": "Loose or watery poo (diarrhoea)",
     "ctcae_term": "Diarrhea",
     "description": "Going to the toilet more often than usual, with loose or watery stools."},
    {"slug": "constipation", "patient_term": "Hard or infrequent poo (constipation)",
     "ctcae_term": "Constipation",
     "description": "Stools are hard, difficult to pass, or come less often than usual."},
    {"slug": "abdominal-pain", "patient_term": "Tummy pain",
     "ctcae_term": "Abdominal pain",
     "description": "Pain or cramps in the belly."},
    {"slug": "loss-of-appetite", "patient_term": "Loss of appetite",
     "ctcae_term": "Anorexia",
     "description": "Not feeling like eating, or eating much less than usual."},
    {"slug": "taste-change", "patient_term": "Change in taste (dysgeusia)",
     "ctcae_term": "Dysgeusia",
     "description": "Food tastes different, metallic or of nothing at all."},
    {"slug": "weight-gain", "patient_term": "Weight gain",
     "ctcae_term": "Weight gain",
     "description": "Putting on weight without meaning to."},
    {"slug": "swelling", "patient_term": "Swelling of the arms or legs (oedema)",
     "ctcae_term": "Edema limbs",
     "description": "Fluid builds up so that hands, ankles, feet or legs look puffy."},
    {"slug": "tiredness", "patient_term": "Tiredness (fatigue)",
     "ctcae_term": "Fatigue",
     "description": "Feeling very tired or weak in a way that rest does not fix."},
    {"slug": "dizziness", "patient_term": "Dizziness",
     "ctcae_term": "Dizziness",
     "description": "Feeling light-headed, faint or as if the room is spinning."},
    {"slug": "headache", "patient_term": "Headache",
     "ctcae_term": "Headache",
     "description": "Pain anywhere in the head."},
    {"slug": "tingling-or-numbness", "patient_term": "Tingling or numbness (peripheral neuropathy)",  # noqa: E501
     "ctcae_term": "Peripheral sensory neuropathy",
     "description": "Pins and needles, numbness or burning, often in the hands or feet."},
    {"slug": "memory-or-thinking-changes",
     "patient_term": "Memory or thinking changes (cognitive disturbance)",
     "ctcae_term": "Cognitive disturbance",
     "description": "Trouble remembering, concentrating or thinking clearly."},
    {"slug": "low-mood", "patient_term": "Low mood (depression)",
     "ctcae_term": "Depression",
     "description": "Feeling sad, hopeless or not interested in things you used to enjoy."},
    {"slug": "anxiety", "patient_term": "Feeling anxious (anxiety)",
     "ctcae_term": "Anxiety",
     "description": "Feeling worried, nervous or on edge much of the time."},
    {"slug": "irritability", "patient_term": "Feeling irritable",
     "ctcae_term": "Irritability",
     "description": "Getting annoyed or losing your temper more easily than usual."},
    {"slug": "trouble-sleeping", "patient_term": "Trouble sleeping (insomnia)",
     "ctcae_term": "Insomnia",
     "description": "Finding it hard to fall asleep or to stay asleep."},
    {"slug": "unsteady-walking", "patient_term": "Unsteady walking or poor balance (ataxia)",
     "ctcae_term": "Ataxia",
     "description": "Clumsy movements or trouble keeping your balance when you walk."},
    {"slug": "muscle-pain", "patient_term": "Muscle pain",
     "ctcae_term": "Myalgia",
     "description": "Aching or soreness in the muscles."},
    {"slug": "joint-pain", "patient_term": "Joint pain",
     "ctcae_term": "Arthralgia",
     "description": "Aching or stiffness in the joints, such as knees, hips or fingers."},
    {"slug": "raised-alt", "patient_term": "Raised liver enzyme ALT",
     "ctcae_term": "Alanine aminotransferase increased",
     "description": "A blood test shows more of the liver enzyme ALT than normal."},
    {"slug": "raised-ast", "patient_term": "Raised liver enzyme AST",
     "ctcae_term": "Aspartate aminotransferase increased",
     "description": "A blood test shows more of the liver enzyme AST than normal."},
    {"slug": "high-cholesterol", "patient_term": "High cholesterol",
     "ctcae_term": "Cholesterol high",
     "description": "A blood test shows more cholesterol, a kind of fat, than normal."},
    {"slug": "high-triglycerides", "patient_term": "High triglycerides (blood fats)",
     "ctcae_term": "Hypertriglyceridemia",
     "description": "A blood test shows more triglycerides, a kind of fat, than normal."},
    {"slug": "shortness-of-breath", "patient_term": "Shortness of breath",
     "ctcae_term": "Dyspnea",
     "description": "Feeling that you cannot get enough air, or getting out of breath easily."},
    {"slug": "cough", "patient_term": "Cough",
     "ctcae_term": "Cough",
     "description": "A new cough, or a cough that is worse than usual."},
    {"slug": "lung-inflammation", "patient_term": "Lung inflammation (pneumonitis)",
     "ctcae_term": "Pneumonitis",
     "description": "Swelling and irritation of the lung tissue, which can cause cough and breathlessness."},  # noqa: E501
    {"slug": "rash", "patient_term": "Rash",
     "ctcae_term": "Rash maculo-papular",
     "description": "Red spots or raised bumps on the skin, which may itch."},
    {"slug": "slow-heartbeat", "patient_term": "Slow heartbeat (sinus bradycardia)",
     "ctcae_term": "Sinus bradycardia",
     "description": "The heart beats more slowly than normal, which can make you tired or dizzy."},  # noqa: E501
    {"slug": "blood-clot", "patient_term": "Blood clot (thromboembolism)",
     "ctcae_term": "Thromboembolic event",
     "description": "A clump of blood forms in a blood vessel and can block the flow of blood."},  # noqa: E501
    {"slug": "blood-clot-in-leg", "patient_term": "Blood clot in a leg or arm (DVT)",
     "ctcae_term": "Thromboembolic event",
     "description": "A clot in a deep vein (deep vein thrombosis), most often in the leg."},
    {"slug": "blood-clot-in-lung", "patient_term": "Blood clot in the lung (pulmonary embolism)",  # noqa: E501
     "ctcae_term": "Thromboembolic event",
     "description": "A clot that blocks a blood vessel in the lungs."},
    # Added in December 2026 for the side effects on the current labels of the
    # ROS1 TKIs (see docs/content-update-2026.md).
    {"slug": "qtc-prolongation", "patient_term": "Change in heart rhythm (QTc prolongation)",
     "ctcae_term": "Electrocardiogram QT corrected interval prolonged",
     "description": "A heart tracing (ECG) shows the heart takes longer than usual to reset "
                    "between beats. It can cause a fast or uneven heartbeat, dizziness or "
                    "fainting."},
    {"slug": "heart-failure", "patient_term": "Heart failure",
     "ctcae_term": "Heart failure",
     "description": "The heart does not pump as well as it should. It can cause shortness of "
                    "breath, a cough, swollen legs or fast weight gain."},
    {"slug": "high-uric-acid", "patient_term": "High uric acid (hyperuricemia)",
     "ctcae_term": "Hyperuricemia",
     "description": "A blood test shows more uric acid, a waste product, than normal."},
    {"slug": "raised-cpk", "patient_term": "Muscle pain with raised CPK",
     "ctcae_term": "CPK increased",
     "description": "A blood test shows more CPK, an enzyme that leaks from muscles, than "
                    "normal. It can come with aching, sore or weak muscles."},
    {"slug": "muscle-weakness", "patient_term": "Muscle weakness",
     "ctcae_term": "Generalized muscle weakness",
     "description": "Muscles feel weak, so that everyday tasks like climbing stairs or "
                    "lifting things are harder than usual."},
    {"slug": "broken-bone", "patient_term": "Broken bone (fracture)",
     "ctcae_term": "Fracture",
     "description": "A crack or break in a bone, sometimes after only a small fall or bump."},
    {"slug": "pregnancy-on-treatment", "patient_term": "Pregnancy during treatment (risk to "
                                                       "the baby)",
     "ctcae_term": "Unintended pregnancy",
     "description": "Becoming pregnant while taking a medicine that can harm an unborn baby. "
                    "Tell your cancer team straight away."},
]  # fmt: skip


# The weekly check-in (sync-protocol.md §7). What each term is rated on follows
# its item in the NCI's PRO-CTCAE item library (v1.0, read on 3 December 2026 in
# the PRO-CTCAE item library CodeSystem of the Medizininformatik-Initiative's
# PROMs guide, which lists the attributes of each of the library's 78 symptom
# terms; see docs/checkins.md): frequency (how often), severity (how bad at its
# worst) and interference (how much it got in the way). Terms missing here have
# no rated item in the library: blood tests and heart tracings are not a
# patient's report, and rash and flashing lights are asked there only as
# present or not, which a 0 to 4 rating cannot say; such a term can still be
# reported in a check-in as "other".
CHECKIN_ATTRIBUTES_BY_TERM: dict[str, tuple[str, ...]] = {
    "blurred-vision": ("severity", "interference"),  # PRO-CTCAE: Blurred vision
    "nausea": ("frequency", "severity"),  # Nausea
    "vomiting": ("frequency", "severity"),  # Vomiting
    "diarrhoea": ("frequency",),  # Diarrhea
    "constipation": ("severity",),  # Constipation
    "abdominal-pain": ("frequency", "severity", "interference"),  # Pain in the abdomen
    "loss-of-appetite": ("severity", "interference"),  # Decreased appetite
    "taste-change": ("severity",),  # Taste changes
    "swelling": ("frequency", "severity", "interference"),  # Arm or leg swelling
    "tiredness": ("severity", "interference"),  # Fatigue
    "dizziness": ("severity", "interference"),  # Dizziness
    "headache": ("frequency", "severity", "interference"),  # Headache
    "tingling-or-numbness": ("severity", "interference"),  # Numbness and tingling
    # Concentration and Memory are both rated on severity and interference.
    "memory-or-thinking-changes": ("severity", "interference"),
    "low-mood": ("frequency", "severity", "interference"),  # Sad or unhappy feelings
    "anxiety": ("frequency", "severity", "interference"),  # Anxiety
    "trouble-sleeping": ("severity", "interference"),  # Insomnia
    "muscle-pain": ("frequency", "severity", "interference"),  # Aching muscles
    "joint-pain": ("frequency", "severity", "interference"),  # Aching joints
    "shortness-of-breath": ("severity", "interference"),  # Shortness of breath
    "cough": ("severity", "interference"),  # Cough
}

# Asked by default: the symptoms common with ROS1 TKIs that issue 14 names
# (dizziness, taste change, swelling, constipation, diarrhoea, nausea,
# tingling, tiredness, vision changes, trouble thinking, shortness of breath).
# Reviewers change the marks in the admin.
CHECKIN_DEFAULT_TERMS: tuple[str, ...] = (
    "dizziness",
    "taste-change",
    "swelling",
    "constipation",
    "diarrhoea",
    "nausea",
    "tingling-or-numbness",
    "tiredness",
    "blurred-vision",
    "memory-or-thinking-changes",
    "shortness-of-breath",
)


def side_effect_checkin_fields(slug: str) -> dict[str, bool]:
    """A seeded term's check-in mark and attributes, as the model's fields."""
    takes = CHECKIN_ATTRIBUTES_BY_TERM.get(slug, ())
    return {
        "checkin": slug in CHECKIN_DEFAULT_TERMS,
        "takes_frequency": "frequency" in takes,
        "takes_severity": "severity" in takes,
        "takes_interference": "interference" in takes,
    }


# Questions to ask your oncologist, in the source's order.
QUESTIONS: list[dict] = [
    {"slug": "which-tkis-can-i-get", "group": "newly_diagnosed",
     "text": "Which ROS1 TKIs are available to me?"},
    {"slug": "evidence-it-could-work", "group": "newly_diagnosed",
     "text": "Is there any evidence, from patients or from laboratory research, that this "
             "treatment could work for my cancer?"},
    {"slug": "works-in-body-and-brain", "group": "newly_diagnosed",
     "text": "Does this TKI work both in the body and in the brain and spinal cord (the "
             "central nervous system)?"},
    {"slug": "side-effects-to-expect", "group": "newly_diagnosed",
     "text": "Which side effects might I have?"},
    {"slug": "clinical-trials-open-to-me", "group": "newly_diagnosed",
     "text": "Which clinical trials could I join, and what would I need in order to take part?"},  # noqa: E501
    {"slug": "ask-a-ros1-specialist", "group": "newly_diagnosed",
     "text": "Would it help me, or my care team, to get advice from a ROS1 specialist (a "
             "doctor who treats and studies ROS1+ cancer)?"},
    {"slug": "new-biopsy-for-resistance", "group": "after_progression",
     "text": "Should I have a new biopsy to find out why my cancer is resisting treatment?"},
    {"slug": "donate-tissue", "group": "after_progression",
     "text": "Could any tissue or fluid that is not needed for my care be donated to The "
             "ROS1+ Cancer Model Project?"},
    {"slug": "tki-for-my-resistance", "group": "after_progression",
     "text": "Is there a TKI that works against the cause of my resistance?"},
    {"slug": "response-after-earlier-tkis", "group": "after_progression",
     "text": "How often does this TKI work for people who have already had one TKI? Two? "
             "Three?"},
]  # fmt: skip
