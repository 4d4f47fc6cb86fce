import * as tf from '@tensorflow/tfjs';
import type { ModelFacts } from './droppedMetadata';
import { makeTeacher, outputKind, type Teacher } from './loadTeacher';
import { readGraphArtifacts, type ModelFiles } from './modelArtifacts';
import { TeacherLoadError } from './teacherLoadError';
import type { TeacherMetadata } from './teacherMetadata';
import { errorMessage } from '../errorMessage';

interface GraphNode {
  name: string;
  op: string;
  input?: string[];
}

/** Ops that hold data rather than compute: never a feature. */
const DATA_OPS = new Set(['Const', 'Placeholder', 'Identity', 'NoOp']);

/**
 * A GraphModel's executed nodes as one Keras layer, so a GraphModel teacher is a LayersModel
 * like every other (the training core and checkpoints only know LayersModels). It runs the
 * graph to [features (flattened), output]; its parameters are the graph's weights.
 */
class GraphModelLayer extends tf.layers.Layer {
  static readonly className = 'CkaGraphModel';

  constructor(
    private readonly graph: tf.GraphModel,
    private readonly nodes: [feature: string, output: string],
    private readonly sizes: [feature: number, output: number],
  ) {
    super({ name: 'graph_model', trainable: false });
  }

  override computeOutputShape(): tf.Shape[] {
    return this.sizes.map((size) => [null, size]);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const [feature, output] = this.graph.execute(x, this.nodes) as tf.Tensor[];
    return [feature.reshape([feature.shape[0], -1]), output];
  }

  override countParams(): number {
    return Object.values(this.graph.weights).reduce((sum, ts) => sum + ts.reduce((s, t) => s + t.size, 0), 0);
  }
}

function nodesOf(artifacts: tf.io.ModelArtifacts): GraphNode[] {
  const topology = artifacts.modelTopology as { node?: GraphNode[] } | undefined;
  return Array.isArray(topology?.node) ? topology.node : [];
}

/** Facts for metadata: the Placeholder's shape, the output count and any node's size, by running the graph once on zeros. */
function graphFacts(graph: tf.GraphModel, nodes: GraphNode[], name: string): ModelFacts {
  const inputShape = graph.inputs[0]?.shape?.map((d) => (d < 0 ? null : d)) ?? [];
  const computing = nodes.filter((n) => !DATA_OPS.has(n.op)).map((n) => n.name);
  const probe = (node: string): number[] => {
    const shape = inputShape.map((d) => d ?? 1);
    if (inputShape.length !== 4) return [1]; // the input check reports it
    return tf.tidy(() => {
      let out: tf.Tensor;
      try {
        out = graph.execute(tf.zeros(shape), node) as tf.Tensor;
      } catch (e) {
        throw new TeacherLoadError('feature-layer', `${name} has no node "${node}" that can be computed (${errorMessage(e)}); its nodes are: ${computing.join(', ')}`);
      }
      return out.shape;
    });
  };
  return {
    inputShape,
    outputCount: (() => {
      const shape = probe(graph.outputNodes[0]);
      return shape[shape.length - 1] ?? 0;
    })(),
    names: computing,
    guessFeature() {
      // What feeds the last MatMul is the representation the classifier reads.
      const matmuls = nodes.filter((n) => n.op === 'MatMul');
      const last = matmuls[matmuls.length - 1];
      return last?.input?.[0]?.split(':')[0] ?? computing[Math.max(computing.length - 2, 0)];
    },
    featureSize: (node) => probe(node).slice(1).reduce((a, b) => a * b, 1),
  };
}

/** Loads a tfjs GraphModel (format "graph-model") as a teacher, its feature node chosen through `describe`. */
export async function loadGraphTeacher(files: ModelFiles, describe: (facts: ModelFacts) => TeacherMetadata): Promise<{ teacher: Teacher; names: string[] }> {
  const artifacts = await readGraphArtifacts(files);
  let graph: tf.GraphModel;
  try {
    graph = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new TeacherLoadError('model-build', `${files.name} could not be built as a GraphModel: ${errorMessage(e)}`);
  }
  try {
    const nodes = nodesOf(artifacts);
    const facts = graphFacts(graph, nodes, files.name);
    const metadata = describe(facts);
    if (facts.outputCount !== metadata.labels.length) {
      throw new TeacherLoadError('label-count', `${files.name} has ${facts.outputCount} outputs but ${metadata.labels.length} labels`);
    }
    const output = graph.outputNodes[0];
    const layer = new GraphModelLayer(graph, [metadata.featureLayer, output], [metadata.featureSize, facts.outputCount]);
    const input = tf.input({ shape: [metadata.input.height, metadata.input.width, metadata.input.channels] });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor[], name: 'graph_teacher' });
    // A LayersModel counts its layers' own variables, and the graph's weights are not those.
    model.countParams = () => layer.countParams();
    const softmax = nodes.find((n) => n.name === output)?.op === 'Softmax';
    const teacher = makeTeacher(metadata, model, model, await outputKind(model, metadata.input, softmax));
    return { teacher: { ...teacher, dispose: () => (teacher.dispose(), graph.dispose()) }, names: facts.names };
  } catch (e) {
    graph.dispose();
    throw e;
  }
}
