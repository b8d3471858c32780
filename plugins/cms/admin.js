// The editors' interface at /admin/: Sveltia CMS (node_modules/@sveltia/cms),
// bundled with this file by plugins/cms/bundle.py. The forms come from
// admin/config.json, which plugins/cms/cms.py writes from the content schema;
// this file adds what a configuration cannot say:
// - files written as the content checks read them (`Key: value` lines, a blank
//   line, the text), and read back whatever spelling of a key the editor used;
// - a new entry's file named by the site's own slug rule (slug.js);
// - photos with their description required, documents into content/documents/;
// - the preview in the site's own stylesheet.
// What it needs from the build (the stylesheet's fingerprinted address, the
// key and status spellings of plugins/common/schema.py, the photo and document
// fields) is admin/editor.json, next to this bundle.
import CMS from '@sveltia/cms';

import frenchSlug from './slug.js';

const schema = await (await fetch(new URL('editor.json', import.meta.url))).json();

// --- Files: plugins/content_checks/header.py reads them ------------------------

const META_LINE = /^([^\s:][^:]*?)\s*:\s?(.*)$/; // header.py META_LINE
const CONTINUATION = /^(?: {4,}|\t)(.*)$/; // header.py CONTINUATION
const FENCE = /^(?:---|\.\.\.)\s*$/;

// 'Catégorie' → 'category', 'Mis à jour' → 'modified' (header.py canonical_spelling).
const canonicalKey = (key) => {
  const spelling = key.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').trim().toLowerCase();
  const written = spelling.replace(/[\s-]+/g, '_');
  return schema.keys[written] ?? written;
};

const canonicalStatus = (value) => {
  const spelling = value.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').trim().toLowerCase();
  return schema.statuses[spelling] ?? value;
};

// Pelican's `Key: value` lines up to the first blank line, or YAML front matter
// of plain `key: value` lines (what the site's own files hold; quotes removed).
const fromFile = (text) => {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const yaml = FENCE.test(lines[0]) && lines[0].startsWith('---');
  const entry = {};
  let last;
  let index = yaml ? 1 : 0;
  for (; index < lines.length; index += 1) {
    const line = lines[index];
    const continuation = CONTINUATION.exec(line);
    const match = META_LINE.exec(line);
    if (yaml ? FENCE.test(line) : !line.trim()) {
      index += 1;
      break;
    }
    if (last && continuation && line.trim()) {
      entry[last] = `${entry[last]} ${continuation[1].trim()}`.trim();
    } else if (match) {
      last = canonicalKey(match[1]);
      const value = match[2].trim();
      entry[last] = yaml ? value.replace(/^(["'])(.*)\1$/, '$2') : value;
    } else {
      break;
    }
  }
  if (typeof entry.status === 'string') {
    entry.status = canonicalStatus(entry.status);
  }
  entry.body = lines.slice(index).join('\n').trim();
  return entry;
};

// 'former_urls' → 'Former_urls', as the guide and content/modeles/ write keys.
const written = (key) => key.charAt(0).toUpperCase() + key.slice(1);

// An event's time at midnight means the whole day, written as the day alone
// (`Start: 2027-03-05`): the guide's way, and an all-day event read keeps it.
const value = (key, text) => {
  const single = String(text).replace(/\s+/g, ' ').trim();
  return schema.wholeDays.includes(key) ? single.replace(/ 00:00$/, '') : single;
};

// A slug equal to the title's own is not written: the build gives that one
// (plugins/french), and a title's slug may hold what `Slug:` refuses (`_`).
const toFile = (entry) => {
  const lines = Object.entries(entry)
    .filter(([key, text]) => key !== 'body' && text !== undefined && text !== null)
    .filter(([, text]) => String(text).trim() !== '')
    .filter(([key, text]) => key !== 'slug' || text !== frenchSlug(entry.title ?? ''))
    .map(([key, text]) => `${written(key)}: ${value(key, text)}`);
  return `${lines.join('\n')}\n\n${(entry.body ?? '').trim()}\n`;
};

CMS.registerCustomFormat('pelican', 'md', { fromFile, toFile });

// --- A new entry's address, by the site's rule ---------------------------------

const { createClass, h } = window; // set by Sveltia CMS for custom fields (React)

// Shows the address a new entry will have and gives it to the file name
// (`{{fields.slug}}` in config.json); an entry already saved keeps its own.
const AddressControl = createClass({
  componentDidMount() {
    this.follow();
  },
  componentDidUpdate() {
    this.follow();
  },
  follow() {
    const { entry, value, onChange } = this.props;
    // An entry not saved yet has no file (Sveltia's `newRecord` is false here).
    if (!entry || entry.get('path')) {
      return;
    }
    const slug = frenchSlug(entry.getIn(['data', 'title']) ?? '');
    if (slug !== (value ?? '')) {
      onChange(slug);
    }
  },
  render() {
    const { entry, value, forID, classNameWrapper } = this.props;
    const slug = value || frenchSlug(entry?.getIn(['data', 'title']) ?? '');
    return h('output', { id: forID, className: classNameWrapper }, slug || '…');
  },
});

CMS.registerFieldType('adresse', AddressControl);

// --- Photos and documents in the text -------------------------------------------

const attribute = (value) => String(value ?? '').replace(/&/g, '&amp;').replace(/"/g, '&quot;');
// Markdown's own delimiters out of a description or a caption.
const plain = (value) => String(value ?? '').replace(/[[\]]/g, '').replace(/"/g, '”').trim();

CMS.registerEditorComponent({
  id: 'photo',
  label: 'Photo',
  icon: 'image',
  fields: schema.photo,
  pattern: /^!\[(?<alt>[^\]]*)\]\((?<src>[^\s)]+)(?:\s+"(?<title>[^"]*)")?\)$/,
  fromBlock: ({ groups }) => ({ src: groups.src, alt: groups.alt, title: groups.title ?? '' }),
  toBlock: ({ src, alt, title }) => {
    const caption = plain(title);
    return src ? `![${plain(alt)}](${src}${caption ? ` "${caption}"` : ''})` : '';
  },
  toPreview: ({ src, alt, title }) =>
    `<img src="${attribute(src)}" alt="${attribute(alt)}" title="${attribute(title)}">`,
});

const documentComponent = {
  id: 'document',
  label: 'Document',
  icon: 'description',
  fields: schema.document,
  pattern: new RegExp(`^\\[(?<text>[^\\]]+)\\]\\((?<file>${schema.documentsUrl}[^\\s)]+)\\)$`),
  fromBlock: ({ groups }) => ({ file: groups.file, text: groups.text }),
  toBlock: ({ file, text }) => (file ? `[${plain(text)}](${file})` : ''),
  toPreview: ({ file, text }) => `<a href="${attribute(file)}">${attribute(plain(text))}</a>`,
};
CMS.registerEditorComponent(documentComponent);
// Sveltia CMS 0.221 files a component field's own folder under the component's name
// but looks it up under its editor id, `x-` + name: registered under both, a
// document goes to content/documents/ (config.json lists only `document`).
CMS.registerEditorComponent({ ...documentComponent, id: 'x-document' });

// --- The preview ---------------------------------------------------------------

CMS.registerPreviewStyle(schema.stylesheet);

CMS.init();
