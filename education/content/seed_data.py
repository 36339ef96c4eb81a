"""The seeded patient content, written in our own words from the facts of one source.

Source: "Treating Stage 4 ROS1+ Cancer (For Patients)", a patient advocacy
group's page last updated on 19 February 2022 (../shared/seed/). We carry its
facts, never its sentences, and add no medical fact it does not state; plain
definitions of medical words are ours. Typos in the source are fixed here:
crizotinib's ROS1 approval was March 2016, and the brand is Lorbrena.

Nothing here has been medically reviewed. `education.seeding` loads it as
published but unreviewed, so every page says "Awaiting medical review" until a
reviewer signs it off. Slugs are stable anchors: change wording freely, never
a slug.
"""

from __future__ import annotations

from datetime import date
from inspect import cleandoc as md

SEED_SOURCE = {
    "title": (
        "Treating Stage 4 ROS1+ Cancer (For Patients), a patient advocacy page, "
        "last updated 19 February 2022"
    ),
    "url": "",
}
NCCN_SOURCE = {
    "title": "NCCN Guidelines (National Comprehensive Cancer Network)",
    "url": "https://www.nccn.org/guidelines/category_1",
}


# Topics and their sections, in the order of the source page.
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
            },
            {
                "slug": "how-well-do-tkis-work",
                "title": "How well do TKIs work?",
                "body": md(
                    """
                    In clinical trials (research studies in patients), some ROS1 TKIs
                    worked well against the faulty ROS1 protein in 7 or 8 out of every
                    10 people with ROS1+ lung cancer.

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
                "drugs": [],
            },
            {
                "slug": "who-should-take-a-tki",
                "title": "Who can take a ROS1 TKI?",
                "body": md(
                    """
                    ROS1 TKIs are for people whose ROS1+ cancer is **metastatic**, in
                    countries where the drug is approved.

                    **Metastatic** means the cancer has spread from the first tumour to
                    other organs. It is also known as stage 4 or stage IV.

                    **If your cancer has not spread (stage 1, 2 or 3):** TKIs are not
                    approved for you. A TKI cannot cure cancer, while the usual treatments
                    for early-stage cancer are proven to cure some people. So you get
                    the same standard treatment as anyone else with your type and stage
                    of cancer, whichever gene change drives it. In some countries, a ROS1
                    TKI is given once that treatment, which aims to cure, is finished.

                    **If your ROS1+ cancer started outside the lungs** (for example a
                    melanoma, a type of skin cancer): people like you have also
                    responded to ROS1 TKIs. So far, though, no country has approved a
                    ROS1 TKI for any cancer other than non-small cell lung cancer
                    (NSCLC).
                    """
                ),
                "drugs": [],
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
                      moving to a different ROS1 TKI may help.
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
                "sources": [NCCN_SOURCE],
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
                    **Immune checkpoint inhibitors** are a type of immunotherapy: drugs
                    that help your immune system attack cancer. Examples are Opdivo
                    (nivolumab) and Keytruda (pembrolizumab).

                    Doctors who have treated many people with ROS1+ cancer advise
                    against giving one of these drugs **on its own** for ROS1+ cancer:

                    - Used alone, they often do not work against ROS1+ cancer.
                    - Their side effects can sometimes make it impossible to take a TKI
                      as your next treatment.
                    """
                ),
                "drugs": ["nivolumab", "pembrolizumab"],
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
            },
            {
                "slug": "first-line-early-stage",
                "title": "First treatment: early-stage cancer (stages 1 to 3)",
                "body": md(
                    """
                    **First-line treatment** is the first treatment you get for your
                    cancer.

                    If your ROS1+ cancer is at an early stage (stage 1, 2 or 3), you get
                    the same first treatment as anyone else with your type of cancer
                    (lung, pancreas and so on). These treatments aim to cure the cancer.
                    Targeted therapy cannot cure cancer.
                    """
                ),
                "drugs": [],
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
                    have responded to ROS1 TKIs, but so far the TKIs are approved only
                    for NSCLC. If your metastatic ROS1+ cancer is another type, you may
                    still get a TKI:

                    - **off-label**: your doctor prescribes a drug that is approved in
                      your country for a different cancer,
                    - through a clinical trial, or
                    - through **compassionate use**, a special route to a medicine that
                      is not approved for you.

                    **If no ROS1 TKI is open to you**, some chemotherapy can work against
                    ROS1+ cancer, above all pemetrexed alone or pemetrexed with
                    carboplatin.
                    """
                ),
                "drugs": ["pemetrexed", "carboplatin"],
            },
            {
                "slug": "first-line-tkis",
                "title": "ROS1 TKIs used as a first treatment",
                "body": md(
                    """
                    These TKIs are used as the first treatment for metastatic ROS1+
                    NSCLC. The **FDA** (US Food and Drug Administration) is the US agency
                    that approves medicines. Each drug has its own part below.

                    - **Crizotinib (Xalkori):** FDA-approved in March 2016. Does not
                      work well in the brain.
                    - **Entrectinib (Rozlytrek):** FDA-approved in August 2019. Works in
                      the brain.
                    - **Repotrectinib (Augtyro):** FDA-approved in November 2023. Works
                      in the brain.
                    - **Ceritinib (Zykadia):** not FDA-approved for ROS1+ cancer, used
                      off-label. Works in the brain.
                    - **Lorlatinib (Lorbrena):** not FDA-approved for ROS1+ cancer; the
                      NCCN advises it as a later treatment. Works especially well in the
                      brain.
                    """
                ),
                "drugs": ["crizotinib", "entrectinib", "repotrectinib", "ceritinib", "lorlatinib"],
            },
            {
                "slug": "crizotinib",
                "title": "Crizotinib (Xalkori)",
                "body": md(
                    """
                    - The FDA approved crizotinib in **March 2016** for ROS1+ NSCLC that
                      has spread (metastatic).
                    - It does not work well against cancer in the brain.
                    """
                ),
                "drugs": ["crizotinib"],
            },
            {
                "slug": "entrectinib",
                "title": "Entrectinib (Rozlytrek)",
                "body": md(
                    """
                    - The FDA approved entrectinib in **August 2019** for adults whose
                      ROS1+ NSCLC has spread (metastatic).
                    - It works against cancer in the brain. Doctors often choose it when
                      the cancer has reached the brain.
                    """
                ),
                "drugs": ["entrectinib"],
            },
            {
                "slug": "repotrectinib",
                "title": "Repotrectinib (Augtyro)",
                "body": md(
                    """
                    - The FDA approved repotrectinib in **November 2023** for ROS1+ NSCLC
                      that is locally advanced (has grown into nearby tissue) or
                      metastatic.
                    - It works against cancer in the brain.
                    - It also works against several **resistance mutations**: gene
                      changes that can appear while someone takes crizotinib or
                      entrectinib, and that stop those drugs working.
                    """
                ),
                "drugs": ["repotrectinib", "crizotinib", "entrectinib"],
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
            },
            {
                "slug": "lorlatinib",
                "title": "Lorlatinib (Lorbrena)",
                "body": md(
                    """
                    - The FDA has not approved lorlatinib for ROS1+ cancer.
                    - The US NCCN guidelines recommend it as the second or third
                      treatment for ROS1+ NSCLC.
                    - It works especially well in the brain. So it is sometimes the first
                      treatment when there are many tumours in the brain, or when there
                      is **leptomeningeal disease**: cancer in the meninges, the thin
                      layers that cover the brain and spinal cord.
                    """
                ),
                "drugs": ["lorlatinib"],
            },
            {
                "slug": "brain-metastases",
                "title": "If the cancer has spread to your brain",
                "body": md(
                    """
                    **Brain metastases** are tumours in the brain that have spread from
                    the cancer elsewhere in the body. About half of people with ROS1+
                    cancer get them. Yet many people whose first treatment was
                    crizotinib, a TKI that does not work well in the brain, never do.

                    - If there is a lot of cancer in the brain, doctors often choose
                      **entrectinib** as the first TKI, because it works well against
                      brain metastases.
                    - Treatment may also include radiation to the brain.
                      **Stereotactic radiation** (also called stereotactic
                      radiosurgery) aims strong, precise beams at the tumours; there
                      is no cutting. **Whole-brain radiation** treats the entire brain.
                      Stereotactic radiation is usually preferred, but this differs
                      between health systems.
                    - You may not need brain radiation at all if you can get entrectinib
                      or another TKI that works in the brain.

                    Ask an oncologist who knows ROS1 TKIs well how best to treat your
                    brain metastases.
                    """
                ),
                "drugs": ["crizotinib", "entrectinib"],
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
                      so the TKI no longer blocks it well.
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

                    - **If the resistance is on-target**, another ROS1 TKI may work, such
                      as lorlatinib or repotrectinib, or a TKI that is being tested in
                      clinical trials, such as taletrectinib or NVL-520.
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
            },
            {
                "slug": "alk-tkis",
                "title": "ALK TKIs: some help in ROS1+ cancer, some do not",
                "body": md(
                    """
                    **ALK** is another biomarker. Many TKIs made for ALK-positive cancer
                    also act against ROS1+ cancer. But some work much less well than ROS1
                    TKIs, and one does not work at all:

                    - **Brigatinib (Alunbrig)** and **ensartinib** have some effect on
                      ROS1+ cancer. As a first treatment they work much less well than
                      crizotinib, entrectinib or repotrectinib. They have not been shown
                      to work against the mutations that make ROS1+ cancer resistant to
                      TKIs.
                    - **Alectinib (Alecensa) does not work for ROS1+ cancer.** It should
                      never be given for it.

                    If your doctor prescribes one of these drugs for your ROS1+ cancer
                    outside a clinical trial, ask why. You may want a second opinion from
                    a ROS1 specialist.
                    """
                ),
                "drugs": ["brigatinib", "ensartinib", "alectinib"],
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
                    countries. Ask your doctor which ROS1 TKI trials you could join.
                    """
                ),
                "drugs": ["taletrectinib", "nvl-520"],
            },
        ],
    },
]


# The drug catalogue. Regulatory facts carry only the dates the source gives.
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
            "A ROS1 TKI: a targeted pill for ROS1+ lung cancer. It is one of the preferred "
            "first treatments when the cancer has spread. It does not work well against "
            "cancer in the brain."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Approved for ROS1-positive NSCLC that has spread (metastatic).",
                "date": date(2016, 3, 1),
                "date_precision": "month",
            },
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
            "works against cancer in the brain, so doctors often choose it when the cancer "
            "has reached the brain."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Approved for adults whose ROS1-positive NSCLC has spread "
                "(metastatic).",
                "date": date(2019, 8, 1),
                "date_precision": "month",
            },
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
            "A ROS1 TKI used as a first treatment for ROS1+ lung cancer. It works in the "
            "brain, and against several resistance mutations that can appear while taking "
            "crizotinib or entrectinib."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Approved for ROS1-positive NSCLC that is locally advanced "
                "or has spread (metastatic).",
                "date": date(2023, 11, 1),
                "date_precision": "month",
            },
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
            },
        ],
    },
    {
        "slug": "lorlatinib",
        "generic_name": "lorlatinib",
        "brand_names": "Lorbrena",
        "drug_class": "ros1_tki",
        "rating": "later_line",
        "treats_brain": "yes",
        "warning": "",
        "summary": (
            "A TKI that US guidelines (NCCN) recommend as the second or third treatment for "
            "ROS1+ lung cancer. It works especially well in the brain, so it is sometimes "
            "used first when there are many brain tumours or leptomeningeal disease (cancer "
            "in the layers that cover the brain and spinal cord)."
        ),
        "regulatory_facts": [
            {
                "agency": "FDA",
                "description": "Not approved for ROS1+ cancer; used off-label.",
                "date": None,
                "date_precision": "month",
            },
            {
                "agency": "NCCN",
                "description": "Recommended as a second- or third-line treatment for "
                "ROS1-positive NSCLC.",
                "date": None,
                "date_precision": "month",
            },
        ],
    },
    {
        "slug": "taletrectinib",
        "generic_name": "taletrectinib",
        "brand_names": "",
        "drug_class": "ros1_tki",
        "rating": "in_trials",
        "treats_brain": "unknown",
        "warning": "",
        "summary": (
            "A ROS1 TKI being tested in clinical trials. It may help when the cancer has "
            "become resistant because the ROS1 protein itself has changed (on-target "
            "resistance)."
        ),
        "regulatory_facts": [],
    },
    {
        "slug": "nvl-520",
        "generic_name": "NVL-520",
        "brand_names": "",
        "drug_class": "ros1_tki",
        "rating": "in_trials",
        "treats_brain": "unknown",
        "warning": "",
        "summary": (
            "A ROS1 TKI being tested in clinical trials. It may help when the cancer has "
            "become resistant because the ROS1 protein itself has changed (on-target "
            "resistance)."
        ),
        "regulatory_facts": [],
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
    },
    {
        "slug": "ensartinib",
        "generic_name": "ensartinib",
        "brand_names": "",
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
    },
    {
        "slug": "nivolumab",
        "generic_name": "nivolumab",
        "brand_names": "Opdivo",
        "drug_class": "immunotherapy",
        "rating": "not_recommended_alone",
        "treats_brain": "unknown",
        "warning": (
            "Not advised on its own for ROS1+ cancer: used alone it often does not work, and "
            "its side effects can stop you taking a TKI afterwards."
        ),
        "summary": (
            "An immune checkpoint inhibitor, a type of immunotherapy that helps the immune "
            "system attack cancer. ROS1 specialists advise against using it alone for ROS1+ "
            "cancer, and suggest immunotherapy only once all other options have been tried."
        ),
        "regulatory_facts": [],
    },
    {
        "slug": "pembrolizumab",
        "generic_name": "pembrolizumab",
        "brand_names": "Keytruda",
        "drug_class": "immunotherapy",
        "rating": "not_recommended_alone",
        "treats_brain": "unknown",
        "warning": (
            "Not advised on its own for ROS1+ cancer: used alone it often does not work, and "
            "its side effects can stop you taking a TKI afterwards."
        ),
        "summary": (
            "An immune checkpoint inhibitor, a type of immunotherapy that helps the immune "
            "system attack cancer. ROS1 specialists advise against using it alone for ROS1+ "
            "cancer, and suggest immunotherapy only once all other options have been tried."
        ),
        "regulatory_facts": [],
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
]  # fmt: skip


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
