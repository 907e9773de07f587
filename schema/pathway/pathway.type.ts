import { Field, Int, ObjectType } from 'type-graphql';
import type { PathwayDefinition } from '../../server/engine/kpi/pathways';
import { PATHWAYS } from '../../server/engine/kpi/pathways';

@ObjectType('Pathway', { description: 'A care pathway: an ordered list of stages.' })
export class Pathway {
  @Field()
  key!: string;

  @Field()
  name!: string;
}

@ObjectType('PathwayStage')
export class PathwayStage {
  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field(() => Int, { description: 'Zero-based place in the pathway.' })
  position!: number;

  pathway!: PathwayDefinition;
}

export function stagesOf(pathway: PathwayDefinition): PathwayStage[] {
  return pathway.stages.map((stage, position) =>
    Object.assign(new PathwayStage(), { ...stage, position, pathway }),
  );
}

export function stagesWithKey(key: string): PathwayStage[] {
  return PATHWAYS.flatMap(stagesOf).filter((stage) => stage.key === key);
}
