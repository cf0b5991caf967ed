import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Unit } from './unit.entity';

/** Another spelling of a unit's name met in the text (市发改委 for 市发展和改革委员会). */
@Entity('unit_alias')
export class UnitAlias {
  @PrimaryColumn()
  alias!: string;

  @Column({ name: 'unit_id' })
  unitId!: number;

  @ManyToOne(() => Unit, (unit) => unit.aliases)
  @JoinColumn({ name: 'unit_id' })
  unit!: Unit;
}
