// The folder an editor picks for Sveltia CMS's local-repository mode, for a
// browser driven by Playwright: headless Chromium shows no folder picker, so
// `showDirectoryPicker()` returns handles whose every read and write goes to
// a real folder on disk through `window.bimocDisk` (tests/test_cms_browser.py
// exposes it). The CMS uses them as it uses the File System Access API's own.
(() => {
  const disk = (operation, ...args) => window.bimocDisk(operation, ...args);
  const join = (folder, name) => (folder ? `${folder}/${name}` : name);
  const refused = (name, message) => new DOMException(message, name);

  const toBase64 = async (data) => {
    const bytes = new Uint8Array(await new Blob([data]).arrayBuffer());
    let text = '';
    for (let start = 0; start < bytes.length; start += 0x8000) {
      text += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
    }
    return btoa(text);
  };

  class Handle {
    constructor(path, kind) {
      this.path = path;
      this.kind = kind;
      this.name = path.split('/').pop() || 'depot';
    }

    async queryPermission() {
      return 'granted';
    }

    async requestPermission() {
      return 'granted';
    }

    async isSameEntry(other) {
      return other.path === this.path && other.kind === this.kind;
    }
  }

  class FileHandle extends Handle {
    constructor(path) {
      super(path, 'file');
    }

    async getFile() {
      const bytes = Uint8Array.from(atob(await disk('read', this.path)), (c) => c.charCodeAt(0));
      return new File([bytes], this.name);
    }

    async createWritable() {
      const parts = [];
      const { path } = this;
      return {
        async write(data) {
          parts.push(data instanceof Object && 'data' in data ? data.data : data);
        },
        async close() {
          await disk('write', path, await toBase64(new Blob(parts)));
        },
      };
    }

    async move(folder, name) {
      const path = join(folder.path, name);
      await disk('move', this.path, path);
      this.path = path;
      this.name = name;
    }
  }

  class DirectoryHandle extends Handle {
    constructor(path) {
      super(path, 'directory');
    }

    async *entries() {
      for (const [name, kind] of await disk('list', this.path)) {
        const path = join(this.path, name);
        yield [name, kind === 'directory' ? new DirectoryHandle(path) : new FileHandle(path)];
      }
    }

    async *values() {
      for await (const [, handle] of this.entries()) yield handle;
    }

    async *keys() {
      for await (const [name] of this.entries()) yield name;
    }

    [Symbol.asyncIterator]() {
      return this.entries();
    }

    async child(name, kind, create) {
      const path = join(this.path, name);
      const found = await disk('kind', path);
      if (!found && !create) throw refused('NotFoundError', `${path} not found`);
      if (found && found !== kind) throw refused('TypeMismatchError', `${path} is a ${found}`);
      if (!found) await disk(kind === 'directory' ? 'mkdir' : 'write', path, '');
      return kind === 'directory' ? new DirectoryHandle(path) : new FileHandle(path);
    }

    getDirectoryHandle(name, { create = false } = {}) {
      return this.child(name, 'directory', create);
    }

    getFileHandle(name, { create = false } = {}) {
      return this.child(name, 'file', create);
    }

    async removeEntry(name) {
      await disk('remove', join(this.path, name));
    }
  }

  window.showDirectoryPicker = async () => new DirectoryHandle('');
})();
