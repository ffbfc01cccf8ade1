// page.mjs — what every page of the site shares: the reading order of the pages, the
// header (navigation, language switch), the footer (previous / next), and the English /
// 中文 strings. A page calls setupPage(id, strings) and marks translatable elements with
// data-i18n="key" (text) or data-i18n-label="key" (aria-label).
//
// Each English string lives once: the English of the page's own text is what its HTML
// says (read from the data-i18n elements and labels at setup, so the page reads the same
// before its script runs); a page's strings.mjs holds, by the same keys, English only for
// what the script writes (statuses, chart labels) and 中文 for everything; the controls
// every page shares (Play, Step, Reset, …) are empty in the HTML and named here.
import { element } from './dom.mjs';

export const PAGES = [
  { id: 'index', file: 'index.html', en: 'Start', zh: '开始' },
  { id: 'optimizers', file: 'optimizers.html', en: '1 · Optimizers', zh: '1 · 优化器' },
  { id: 'vanishing', file: 'vanishing.html', en: '2 · Vanishing and exploding gradients', zh: '2 · 梯度消失与爆炸' },
  { id: 'batchnorm', file: 'batchnorm.html', en: '3 · Batch normalization', zh: '3 · 批量归一化' },
  { id: 'clipping', file: 'clipping.html', en: '4 · Gradient clipping', zh: '4 · 梯度裁剪' },
  { id: 'digits', file: 'digits.html', en: '5 · Real data: digits', zh: '5 · 真实数据：手写数字' },
  { id: 'rnn', file: 'rnn.html', en: '6 · Recurrent networks', zh: '6 · 循环神经网络' },
  { id: 'playground', file: 'playground.html', en: 'Playground', zh: '游乐场' },
];

export const SHARED = {
  en: { language: '中文', languageLabel: 'Switch to Chinese', previous: 'Previous', next: 'Next',
    play: 'Play', pause: 'Pause', step: 'Step', reset: 'Reset', showKeras: 'Show as Keras code' },
  zh: { language: 'English', languageLabel: '切换到英文', previous: '上一页', next: '下一页',
    play: '运行', pause: '暂停', step: '单步', reset: '重置', showKeras: '显示 Keras 代码' },
};

const STORAGE_KEY = 'simdtrain-language';

export function currentLanguage() {
  let stored = null;
  try { stored = localStorage.getItem(STORAGE_KEY); } catch { /* storage may be disabled */ }
  if (stored === 'en' || stored === 'zh') return stored;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * Render the header and footer for page `id` and translate the page. Returns
 * { t(key), language(), onLanguageChange(fn) }.
 */
export function setupPage(id, strings = { en: {}, zh: {} }) {
  let language = currentLanguage();
  const listeners = [];
  const english = { ...harvestEnglish(), ...strings.en };
  const t = (key) => (language === 'en' ? english[key] : strings[language]?.[key]) ?? SHARED[language][key] ?? english[key] ?? SHARED.en[key] ?? key;
  const englishTitle = document.title;
  const index = PAGES.findIndex((p) => p.id === id);

  const nav = element('nav', { 'aria-label': 'Chapters' });
  const list = element('ul');
  for (const p of PAGES) {
    const a = element('a', { href: p.file });
    if (p.id === id) a.setAttribute('aria-current', 'page');
    a.dataset.page = p.id;
    list.append(element('li', {}, [a]));
  }
  nav.append(list);
  const toggle = element('button', { type: 'button', class: 'language' });
  const header = element('header', { class: 'site' }, [element('a', { href: 'index.html', class: 'brand' }, ['simdtrain']), nav, toggle]);
  document.body.prepend(header);

  const footer = element('footer', { class: 'site' });
  document.body.append(footer);

  function render() {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    for (const a of nav.querySelectorAll('a')) a.textContent = PAGES.find((p) => p.id === a.dataset.page)[language];
    // The visible name starts the accessible one (WCAG 2.5.3, axe label-content-name-mismatch).
    toggle.textContent = t('language');
    toggle.setAttribute('aria-label', `${t('language')} — ${t('languageLabel')}`);
    footer.replaceChildren();
    const previous = PAGES[index - 1], next = PAGES[index + 1];
    if (previous) footer.append(element('a', { href: previous.file, rel: 'prev' }, [`← ${t('previous')}: ${previous[language]}`]));
    if (next) footer.append(element('a', { href: next.file, rel: 'next' }, [`${t('next')}: ${next[language]} →`]));
    for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
    for (const e of document.querySelectorAll('[data-i18n-label]')) e.setAttribute('aria-label', t(e.dataset.i18nLabel));
    const title = language === 'en' ? null : strings[language]?.title;
    document.title = title ? `${title} — simdtrain` : englishTitle;
  }

  toggle.addEventListener('click', () => {
    language = language === 'en' ? 'zh' : 'en';
    try { localStorage.setItem(STORAGE_KEY, language); } catch { /* not remembered then */ }
    render();
    for (const fn of listeners) fn(language);
  });
  render();
  return { t, language: () => language, onLanguageChange: (fn) => listeners.push(fn) };
}

/** The English of the page's own text: { key: text } from its data-i18n elements and labels. */
function harvestEnglish() {
  const out = {};
  for (const e of document.querySelectorAll('[data-i18n]')) {
    const text = e.textContent.replace(/\s+/g, ' ').trim();
    if (text && !(e.dataset.i18n in out)) out[e.dataset.i18n] = text;
  }
  for (const e of document.querySelectorAll('[data-i18n-label]')) {
    const label = e.getAttribute('aria-label');
    if (label && !(e.dataset.i18nLabel in out)) out[e.dataset.i18nLabel] = label;
  }
  return out;
}
