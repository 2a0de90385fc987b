// Saves a file the app fetched (e.g. a customer export) through the browser's download: an
// object URL on a hidden <a download>, clicked, and released a little later (Safari and
// Firefox read it after the click returns).
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
