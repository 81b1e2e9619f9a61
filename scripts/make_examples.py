"""Write the example PDFs in `examples/` from invented (but realistic) articles.

    python scripts/make_examples.py [OUT_DIR]

`acne_rct_two_column.pdf`: a small randomized trial in dermatology laid out like a journal page
(running header, full-width title and abstract, two text columns, a table, a figure with its
caption, references, page numbers). `isotretinoin_cohort_one_column.pdf`: a cohort study in one
column. All text below is made up for the examples; the DOIs use the 10.5555 test prefix.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import pymupdf

PAGE = pymupdf.paper_rect("a4")
MARGIN_X, TOP, BOTTOM, GUTTER = 56, 64, 786, 18
HEADER_Y, FOOTER_Y = 40, 812

CSS = """
body { font-family: serif; font-size: 9.2pt; line-height: 1.25; }
h1 { font-size: 16pt; font-weight: bold; margin: 0 0 8pt 0; }
h2 { font-size: 10.5pt; font-weight: bold; margin: 9pt 0 3pt 0; }
h3 { font-size: 9.4pt; font-style: italic; font-weight: normal; margin: 6pt 0 2pt 0; }
p { text-align: justify; margin: 0 0 4pt 0; }
p.authors { font-size: 10pt; margin: 0 0 2pt 0; }
p.affil, p.meta { font-size: 8pt; margin: 0 0 2pt 0; text-align: left; }
div.abstract { font-size: 8.8pt; margin: 8pt 0 0 0; }
p.caption { font-size: 8pt; text-align: left; margin: 3pt 0 8pt 0; }
table { font-size: 8pt; margin: 2pt 0 2pt 0; border-collapse: collapse; }
th, td { padding: 1pt 3pt 1pt 3pt; text-align: left; border-bottom: 0.5pt solid black; }
p.ref { font-size: 8pt; text-align: left; margin: 0 0 2pt 0; }
"""


@dataclass
class Article:
    """One example article: its file name, header text, and HTML for front matter and body."""

    file: str
    running_header: str
    front: str
    body: str
    columns: int
    title: str
    authors: str
    keywords: str


ACNE_TITLE = (
    "Topical niacinamide 4% with azelaic acid 5% gel versus vehicle for moderate acne vulgaris: "
    "a randomized, double-blind, vehicle-controlled trial"
)
ACNE_AUTHORS = "Laura M. Okafor, Daniel R. Lindqvist, Priya Venkataraman, Tomás Ferreira-Silva"

ACNE_FRONT = f"""
<h1>{ACNE_TITLE}</h1>
<p class="authors">Laura M. Okafor<sup>1</sup>, Daniel R. Lindqvist<sup>1</sup>,
Priya Venkataraman<sup>2</sup>, Tomás Ferreira-Silva<sup>1,3</sup></p>
<p class="affil"><sup>1</sup> Department of Dermatology, Riverside University Hospital, Lund, Sweden;
<sup>2</sup> Centre for Skin Biology, Northgate Institute, Leeds, UK;
<sup>3</sup> Clinical Trials Unit, Riverside University Hospital, Lund, Sweden</p>
<p class="meta">Journal of Clinical Dermatology Research 2023; 18(4): 211–219 ·
https://doi.org/10.5555/jcdr.2023.0417 · Received 12 January 2023; accepted 3 May 2023</p>
<div class="abstract">
<p><b>Abstract</b></p>
<p><b>Background:</b> Topical niacinamide and azelaic acid are each used for acne, and both reduce
inflammatory signalling by keratinocytes in vitro. Their combination has not been tested against
vehicle in a randomized trial.</p>
<p><b>Methods:</b> In this single-centre, double-blind, parallel-group trial, adults with moderate
acne vulgaris were randomly assigned (1:1) to a gel of niacinamide 4% with azelaic acid 5% or to
vehicle gel, applied twice daily for 12 weeks. The primary outcome was the change in inflammatory
lesion count from baseline to week 12.</p>
<p><b>Results:</b> Sixty patients were randomized (30 per group) and 56 completed the trial.
Inflammatory lesions fell by 11.8 (SD 6.1) with the active gel and by 5.9 (SD 5.7) with vehicle
(mean difference −5.9; 95% CI −9.0 to −2.8; p &lt; 0.001). Treatment success on the Investigator's
Global Assessment was 40% versus 13% (p = 0.02). Mild, transient stinging was reported by
4 patients on active gel and 2 on vehicle.</p>
<p><b>Conclusions:</b> Niacinamide 4% with azelaic acid 5% gel reduced inflammatory acne lesions
more than vehicle over 12 weeks and was well tolerated.</p>
<p><b>Trial registration:</b> ISRCTN00000000 (invented for this example).</p>
<p><b>Keywords:</b> acne vulgaris; niacinamide; azelaic acid; randomized controlled trial; topical therapy</p>
</div>
"""

ACNE_BODY = """
<h2>1. Introduction</h2>
<p>Acne vulgaris affects most adolescents and a sizeable minority of adults, and moderate disease
is a common reason for referral to dermatology clinics [1]. Inflammatory lesions arise when
<i>Cutibacterium acnes</i> colonises the pilosebaceous unit and activates Toll-like receptor 2
(TLR2) on keratinocytes and monocytes, which release interleukin-1β (IL1B) and induce matrix
metalloproteinase-1 (MMP1) [2,3]. Persistent inflammation also stimulates melanin synthesis, and
post-inflammatory hyperpigmentation often outlasts the lesions themselves, particularly in darker
skin types [4].</p>
<p>Niacinamide (nicotinamide) reduces sebum production and the transfer of melanosomes to
keratinocytes [5]. Azelaic acid is bacteriostatic against <i>C. acnes</i>, normalises
keratinisation and inhibits tyrosinase [6]. In our earlier laboratory work, the combination
lowered IL1B and MMP1 expression in THP-1 monocytes and HaCaT keratinocytes stimulated with
heat-killed <i>C. acnes</i> more than either compound alone [7]. Whether this translates into a
clinical benefit in <i>Homo sapiens</i> is unknown, because the two agents have only been compared
with each other or with benzoyl peroxide and clindamycin in open-label studies [8].</p>
<p>We therefore conducted a randomized, double-blind, vehicle-controlled trial of a fixed
combination gel of niacinamide 4% and azelaic acid 5% in adults with moderate acne vulgaris.</p>

<h2>2. Methods</h2>
<h3>2.1 Study design and participants</h3>
<p>This was a single-centre, parallel-group trial with 1:1 allocation, conducted at the outpatient
dermatology clinic of Riverside University Hospital between March 2021 and August 2022. The
protocol was approved by the regional ethics committee (reference 2020-0934) and all participants
gave written informed consent. The trial is reported following the CONSORT 2010 statement.</p>
<p>Eligible participants were aged 18 to 45 years with moderate facial acne, defined as an
Investigator's Global Assessment (IGA) score of 3, 20 to 50 inflammatory lesions and 20 to 100
non-inflammatory lesions. Exclusion criteria were nodulocystic acne, oral isotretinoin within six
months, systemic antibiotics or topical retinoids within four weeks, pregnancy or breastfeeding,
and known allergy to any component of the gels.</p>
<h3>2.2 Randomization and blinding</h3>
<p>A statistician not otherwise involved in the trial generated the allocation sequence with
permuted blocks of four, stratified by sex. Identical opaque tubes were numbered by the hospital
pharmacy, so that participants, investigators and outcome assessors were unaware of the
allocation. The vehicle gel had the same colour, odour and viscosity as the active gel.</p>
<h3>2.3 Interventions</h3>
<p>Participants applied a pea-sized amount of gel to the whole face twice daily for 12 weeks after
washing with a provided mild cleanser. The active gel contained niacinamide 4% and azelaic acid 5%
in a hydroxyethylcellulose base; the vehicle contained the base alone. Non-comedogenic moisturiser
and sunscreen were allowed; all other acne treatments were not.</p>
<h3>2.4 Outcomes</h3>
<p>The primary outcome was the change in inflammatory lesion count (papules plus pustules) from
baseline to week 12. Secondary outcomes were the change in non-inflammatory lesion count,
treatment success (IGA of 0 or 1 with at least a two-grade improvement), the melanin index of the
most pigmented post-inflammatory macule measured with a narrow-band reflectance meter, and adverse
events. Lesions were counted by one of two trained assessors at baseline and at weeks 4, 8 and 12.</p>
<h3>2.5 Sample size and statistical analysis</h3>
<p>Assuming a standard deviation of 7 lesions, 26 participants per group would give 80% power to
detect a difference of 5.5 lesions at a two-sided alpha of 0.05; allowing for 12% attrition, we
planned to enrol 60 participants. The primary analysis followed the intention-to-treat principle
with multiple imputation of missing week-12 counts and an analysis of covariance adjusted for the
baseline count. Proportions were compared with Fisher's exact test. Analyses used R version 4.2.</p>

<h2>3. Results</h2>
<h3>3.1 Participants</h3>
<p>Of 83 people screened, 60 were randomized: 30 to the active gel and 30 to vehicle. Two
participants in each group withdrew (three were lost to follow-up and one moved abroad), leaving
56 who completed the week-12 visit. Baseline characteristics were similar between the groups
(Table 1). The mean age was 24.6 years and 38 of 60 participants (63%) were women.</p>
<p class="caption"><b>Table 1.</b> Baseline characteristics of the randomized participants.</p>
<table>
<tr><th>Characteristic</th><th>Active gel (n = 30)</th><th>Vehicle (n = 30)</th></tr>
<tr><td>Age, years, mean (SD)</td><td>24.1 (5.2)</td><td>25.0 (5.8)</td></tr>
<tr><td>Women, n (%)</td><td>19 (63)</td><td>19 (63)</td></tr>
<tr><td>Fitzpatrick skin type IV–VI, n (%)</td><td>9 (30)</td><td>8 (27)</td></tr>
<tr><td>Inflammatory lesions, mean (SD)</td><td>31.4 (7.9)</td><td>30.2 (8.4)</td></tr>
<tr><td>Non-inflammatory lesions, mean (SD)</td><td>46.8 (15.1)</td><td>44.9 (14.3)</td></tr>
<tr><td>Melanin index, mean (SD)</td><td>412 (58)</td><td>405 (61)</td></tr>
</table>
<h3>3.2 Primary outcome</h3>
<p>At week 12 the inflammatory lesion count had fallen by a mean of 11.8 (SD 6.1) with the active
gel and by 5.9 (SD 5.7) with vehicle. The adjusted mean difference was −5.9 lesions (95% CI −9.0
to −2.8; p &lt; 0.001). The groups separated from week 4 onwards (Figure 1).</p>
<img src="figure1.png" width="230"/>
<p class="caption"><b>Figure 1.</b> Mean reduction in inflammatory lesion count from baseline at
weeks 4, 8 and 12 with niacinamide–azelaic acid gel (dark bars) and vehicle (light bars).</p>
<h3>3.3 Secondary outcomes</h3>
<p>Non-inflammatory lesions fell by 14.2 (SD 10.3) with active gel and by 8.1 (SD 9.7) with vehicle
(difference −6.1; 95% CI −11.2 to −1.0; p = 0.02). Treatment success was reached by 12 of 30
participants (40%) on active gel and by 4 of 30 (13%) on vehicle (risk ratio 3.0; 95% CI 1.1 to
8.3; p = 0.02). The melanin index of post-inflammatory macules decreased by 38 units with active
gel and by 12 units with vehicle (p = 0.01).</p>
<h3>3.4 Adverse events</h3>
<p>Mild, transient stinging or burning after application was reported by 4 participants on
active gel and 2 on vehicle; none stopped treatment because of it. There were no serious adverse
events.</p>

<h2>4. Discussion</h2>
<p>In this randomized trial, a gel combining niacinamide 4% and azelaic acid 5% roughly doubled the
reduction in inflammatory acne lesions achieved by vehicle over 12 weeks, and tripled the chance of
treatment success. The size of the effect is similar to that reported for azelaic acid 15% alone,
at a third of the concentration, which may explain the low rate of irritation [6,9].</p>
<p>The decrease in the melanin index supports the laboratory finding that the combination reduces
melanogenesis, although the trial was not powered for this outcome. The mechanism we proposed from
THP-1 and HaCaT experiments — lower IL1B and MMP1 after TLR2 stimulation — could not be measured in
skin in this trial and remains to be tested.</p>
<p>The trial has limitations. It was small and single-centre, follow-up ended at 12 weeks, and
relapse after stopping treatment was not assessed. Participants with darker skin types were
under-represented. Lesion counting is known to vary between assessors, although assessors were
trained together and were blinded to allocation.</p>

<h2>5. Conclusions</h2>
<p>Niacinamide 4% with azelaic acid 5% gel was more effective than vehicle for moderate acne
vulgaris over 12 weeks and was well tolerated. A larger trial against an active comparator such as
benzoyl peroxide is warranted.</p>
<p><b>Funding:</b> Riverside University Hospital research fund (grant RUH-2020-11). <b>Conflicts of
interest:</b> none declared. <b>Data availability:</b> de-identified data are available from the
corresponding author on reasonable request.</p>

<h2>References</h2>
<p class="ref">1. Tan JK, Bhate K. A global perspective on the epidemiology of acne. Br J Dermatol. 2015;172 Suppl 1:3-12.</p>
<p class="ref">2. Kim J, Ochoa MT, Krutzik SR, et al. Activation of Toll-like receptor 2 in acne triggers inflammatory cytokine responses. J Immunol. 2002;169:1535-41.</p>
<p class="ref">3. Jalian HR, Liu PT, Kanchanapoomi M, et al. All-trans retinoic acid shifts Propionibacterium acnes-induced matrix degradation expression profile toward matrix preservation. J Invest Dermatol. 2008;128:2777-82.</p>
<p class="ref">4. Davis EC, Callender VD. Postinflammatory hyperpigmentation: a review of the epidemiology, clinical features, and treatment options in skin of color. J Clin Aesthet Dermatol. 2010;3:20-31.</p>
<p class="ref">5. Hakozaki T, Minwalla L, Zhuang J, et al. The effect of niacinamide on reducing cutaneous pigmentation and suppression of melanosome transfer. Br J Dermatol. 2002;147:20-31.</p>
<p class="ref">6. Thiboutot D. Versatility of azelaic acid 15% gel in treatment of inflammatory acne vulgaris. J Drugs Dermatol. 2008;7:13-6.</p>
<p class="ref">7. Venkataraman P, Okafor LM. Niacinamide and azelaic acid suppress IL-1β and MMP-1 in stimulated THP-1 and HaCaT cells. Exp Dermatol Rep. 2020;9:44-52. (invented)</p>
<p class="ref">8. Ferreira-Silva T, Lindqvist DR. Open-label comparison of topical regimens for papulopustular acne. Scand Clin Skin. 2019;4:101-8. (invented)</p>
<p class="ref">9. Gollnick HP, Graupe K, Zaumseil RP. Azelaic acid 15% gel in the treatment of acne vulgaris. J Dtsch Dermatol Ges. 2004;2:841-7.</p>
"""

COHORT_TITLE = (
    "Isotretinoin and the risk of depression in adolescents with severe acne: a retrospective cohort study"
)
COHORT_AUTHORS = "Hannah K. Brandt, Samuel O. Adeyemi, Mei-Ling Zhou"

COHORT_FRONT = f"""
<h1>{COHORT_TITLE}</h1>
<p class="authors">Hannah K. Brandt<sup>1</sup>, Samuel O. Adeyemi<sup>2</sup>, Mei-Ling Zhou<sup>1</sup></p>
<p class="affil"><sup>1</sup> Department of Dermatology, Lakeside Children's Hospital, Toronto, Canada;
<sup>2</sup> School of Public Health, Lakeside University, Toronto, Canada</p>
<p class="meta">Pediatric Skin Health 2022; 7(2): 88–94 · doi:10.5555/psh.2022.0192</p>
<div class="abstract">
<p><b>Abstract</b></p>
<p><b>Objective:</b> To estimate whether oral isotretinoin increases the risk of depression in
adolescents treated for severe acne. <b>Design:</b> Retrospective cohort study using linked
clinic and pharmacy records, 2012–2020. <b>Participants:</b> 1,284 adolescents aged 12 to 19 years
with severe acne, of whom 642 started isotretinoin and 642 received oral antibiotics with topical
therapy. <b>Results:</b> Depression was diagnosed in 31 isotretinoin users (4.8%) and 36 comparators
(5.6%) within one year (adjusted hazard ratio 0.88; 95% CI 0.54 to 1.43). <b>Conclusions:</b> We
found no increase in the one-year risk of depression with isotretinoin.</p>
</div>
"""

COHORT_BODY = """
<h2>Introduction</h2>
<p>Isotretinoin is the most effective treatment for severe nodular acne, but case reports have
linked it with depressed mood and suicidal ideation [1]. Severe acne is itself associated with
depression, which makes observational comparisons difficult [2]. We compared adolescents starting
isotretinoin with adolescents with equally severe acne treated with oral doxycycline or
minocycline.</p>
<h2>Methods</h2>
<p>We identified all patients aged 12 to 19 years seen for severe acne at the dermatology clinic of
Lakeside Children's Hospital between January 2012 and June 2020 and linked their records to the
provincial pharmacy database. The exposed group started isotretinoin; the comparison group started
an oral tetracycline without isotretinoin in the following year. Each isotretinoin user was matched
to one comparator on age, sex and calendar year. The outcome was a first recorded diagnosis of
depression or a first prescription of an antidepressant within 12 months. Hazard ratios were
estimated with Cox regression adjusted for previous anxiety, family history of depression and
acne severity.</p>
<h2>Results</h2>
<p>The cohort comprised 1,284 adolescents (642 per group; 55% male; mean age 16.2 years). Within one
year, 31 of 642 isotretinoin users (4.8%) and 36 of 642 comparators (5.6%) were diagnosed with
depression. The adjusted hazard ratio was 0.88 (95% CI 0.54 to 1.43). Results were similar when
antidepressant prescriptions were excluded from the outcome (hazard ratio 0.91; 95% CI 0.52 to
1.59) and in girls and boys separately.</p>
<h2>Discussion</h2>
<p>In this cohort of adolescents with severe acne, isotretinoin was not associated with a higher
one-year risk of depression than oral antibiotics. Confounding by indication is likely to be
smaller with an active comparator of similar severity than with the general population. Mild
depressive symptoms that did not lead to a diagnosis or a prescription would have been missed.</p>
<h2>Conclusion</h2>
<p>Clinicians should continue to screen for mood changes during isotretinoin treatment, but the
risk of depression does not appear to be raised in adolescents.</p>
<h2>References</h2>
<p class="ref">1. Wysowski DK, Pitts M, Beitz J. An analysis of reports of depression and suicide in patients treated with isotretinoin. J Am Acad Dermatol. 2001;45:515-9.</p>
<p class="ref">2. Halvorsen JA, Stern RS, Dalgard F, et al. Suicidal ideation, mental health problems, and social impairment are increased in adolescents with acne. J Invest Dermatol. 2011;131:363-70.</p>
"""

ARTICLES = [
    Article(
        "acne_rct_two_column.pdf",
        "J Clin Dermatol Res 2023;18(4):211–219 · Okafor et al. · Niacinamide–azelaic acid gel for acne",
        ACNE_FRONT,
        ACNE_BODY,
        columns=2,
        title=ACNE_TITLE,
        authors=ACNE_AUTHORS,
        keywords="acne vulgaris; niacinamide; azelaic acid; randomized controlled trial",
    ),
    Article(
        "isotretinoin_cohort_one_column.pdf",
        "Pediatric Skin Health 2022;7(2):88–94 · Brandt et al.",
        COHORT_FRONT,
        COHORT_BODY,
        columns=1,
        title=COHORT_TITLE,
        authors=COHORT_AUTHORS,
        keywords="isotretinoin; depression; cohort study; adolescents",
    ),
]


def figure_png() -> bytes:
    """A simple grouped bar chart (lesion reduction at weeks 4, 8, 12) as PNG bytes."""
    width, height, base = 460, 220, 200
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), False)
    pixmap.clear_with(255)
    pixmap.set_rect(pymupdf.IRect(40, base, width - 20, base + 2), (0, 0, 0))  # x axis
    pixmap.set_rect(pymupdf.IRect(40, 10, 42, base), (0, 0, 0))  # y axis
    for week, (active, vehicle) in enumerate([(5.1, 2.4), (9.0, 4.6), (11.8, 5.9)]):
        left = 80 + week * 130
        for offset, value, color in ((0, active, (40, 70, 120)), (44, vehicle, (170, 190, 220))):
            pixmap.set_rect(
                pymupdf.IRect(left + offset, base - int(value * 15), left + offset + 40, base), color
            )
    return pixmap.tobytes("png")


def column_rects(top: float, columns: int) -> list[pymupdf.Rect]:
    """The text columns of a page, from `top` down to the bottom margin."""
    width = (PAGE.width - 2 * MARGIN_X - (columns - 1) * GUTTER) / columns
    return [
        pymupdf.Rect(MARGIN_X + i * (width + GUTTER), top, MARGIN_X + i * (width + GUTTER) + width, BOTTOM)
        for i in range(columns)
    ]


def write_article(article: Article, path: Path) -> None:
    """Lay the article out page by page, then add running headers, page numbers and metadata."""
    archive = pymupdf.Archive()
    archive.add(figure_png(), "figure1.png")
    front = pymupdf.Story(article.front, user_css=CSS, archive=archive)
    body = pymupdf.Story(article.body, user_css=CSS, archive=archive)
    full_width = pymupdf.Rect(MARGIN_X, TOP, PAGE.width - MARGIN_X, BOTTOM)
    writer = pymupdf.DocumentWriter(str(path))
    first_page, more = True, True
    while more:
        device = writer.begin_page(PAGE)
        top = TOP
        if first_page:
            _, filled = front.place(full_width)
            front.draw(device)
            top = pymupdf.Rect(filled).y1 + 14
            first_page = False
        for rect in column_rects(top, article.columns):
            more, _ = body.place(rect)
            body.draw(device)
            if not more:
                break
        writer.end_page()
    writer.close()
    decorate(article, path)


def decorate(article: Article, path: Path) -> None:
    """Running header on every page but the first, a page number on every page, PDF metadata."""
    pdf = pymupdf.open(path)
    for page in pdf:
        if page.number > 0:
            page.insert_text((MARGIN_X, HEADER_Y), article.running_header, fontsize=7.5, fontname="helv")
            page.draw_line((MARGIN_X, HEADER_Y + 4), (PAGE.width - MARGIN_X, HEADER_Y + 4), width=0.4)
        label = str(page.number + 1)
        page.insert_text((PAGE.width / 2 - 3 * len(label), FOOTER_Y), label, fontsize=8, fontname="helv")
    pdf.set_metadata(
        {
            "title": article.title,
            "author": article.authors,
            "subject": "Example article (invented) for the extract project",
            "keywords": article.keywords,
            "creator": "scripts/make_examples.py",
            "producer": f"PyMuPDF {pymupdf.VersionBind}",
            "creationDate": "D:20230503000000Z",
            "modDate": "D:20230503000000Z",
        }
    )
    file_id = hashlib.md5((article.front + article.body).encode()).hexdigest().upper()
    pdf.xref_set_key(-1, "ID", f"[<{file_id}><{file_id}>]")  # a fixed ID: the same text gives the same bytes
    data = pdf.tobytes(garbage=4, deflate=True, no_new_id=True)
    pdf.close()
    path.write_bytes(data)


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for article in ARTICLES:
        path = out_dir / article.file
        write_article(article, path)
        pages = pymupdf.open(path).page_count
        print(f"wrote {path} ({pages} pages, {path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "examples")
