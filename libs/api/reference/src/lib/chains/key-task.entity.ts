import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Unit } from '../units/unit.entity';

/** 重点任务 of a chain for a year, with its own 责任单位. */
@Entity('key_task')
export class KeyTask {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'chain_id', type: 'smallint' })
  chainId!: number;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'smallint' })
  seq!: number;

  @Column({ type: 'text' })
  text!: string;

  @OneToMany(() => KeyTaskUnit, (link) => link.keyTask)
  units!: KeyTaskUnit[];
}

@Entity('key_task_unit')
export class KeyTaskUnit {
  @PrimaryColumn({ name: 'key_task_id' })
  keyTaskId!: number;

  @PrimaryColumn({ name: 'unit_id' })
  unitId!: number;

  @Column({ name: 'sort_order', type: 'smallint' })
  sortOrder!: number;

  @ManyToOne(() => KeyTask, (task) => task.units)
  @JoinColumn({ name: 'key_task_id' })
  keyTask!: KeyTask;

  @ManyToOne(() => Unit)
  @JoinColumn({ name: 'unit_id' })
  unit!: Unit;
}
