// A title's slug by the site's own rule, plugins/french/french.py `french_slug`
// (Pelican's slugify: tags stripped, NFKC, unidecode, then its substitutions),
// for a new entry's address and file name as the editor types its title.
// Sveltia's own slugs turn an elision into a hyphen (« l’été » → l-ete, the
// site's rule gives lete). tests/test_cms_browser.py checks both rules agree.

// What unidecode spells in ASCII and Unicode decomposition does not give
// (« œ » is no accented « o »); anything else not ASCII is dropped, as unidecode
// drops what it cannot spell for a French title.
const SPELLED = {
  œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D',
  '€': 'EUR', '×': 'x', '©': '(c)', '®': '(r)', '™': '(tm)',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '–': '-', '—': '--', '\u2212': '-',
};

export default function frenchSlug(title) {
  return title
    .replace(/[°º]/g, '') // french.py DROPPED_FROM_SLUGS: « n°3 » gives n3
    .replace(/<!--[\s\S]*?-->|<[\s\S]*?>/g, '') // markupsafe's striptags
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x00-\x7f]/g, (character) => SPELLED[character] ?? '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[-\s]+/g, '-')
    .toLowerCase();
}
