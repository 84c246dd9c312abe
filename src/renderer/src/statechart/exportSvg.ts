/** "Export SVG": the drawn machine as a standalone SVG file, the whole of it, its colours (and so the highlight) kept. */

/** The SVG text of a drawn chart: the pan and zoom undone, the whole layout in the viewBox. */
export function chartSvgText(svg: SVGSVGElement, size: { width: number; height: number }, margin = 24): string {
  const copy = svg.cloneNode(true) as SVGSVGElement
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  copy.setAttribute('viewBox', `${-margin} ${-margin} ${Math.ceil(size.width + 2 * margin)} ${Math.ceil(size.height + 2 * margin)}`)
  copy.setAttribute('width', String(Math.ceil(size.width + 2 * margin)))
  copy.setAttribute('height', String(Math.ceil(size.height + 2 * margin)))
  copy.removeAttribute('class')
  copy.querySelector('.chart-view')?.removeAttribute('transform')
  const background = copy.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'rect')
  for (const [k, v] of Object.entries({ x: -margin, y: -margin, width: '100%', height: '100%', fill: '#ffffff' })) background.setAttribute(k, String(v))
  copy.insertBefore(background, copy.firstChild)
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`
}

/** The file name: statechart-<ISO time>.svg (colons made dashes for every file system). */
export const exportFileName = (now = new Date()): string => `statechart-${now.toISOString().replace(/:/g, '-')}.svg`

/** Downloads the text as a file. */
export function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
